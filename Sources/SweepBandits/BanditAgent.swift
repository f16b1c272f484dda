import SweepML

/// A bandit policy: chooses an arm from what it has seen and learns from the reward.
///
/// Agents are values; `reset` forgets everything before an independent run.
public protocol BanditAgent: Sendable {
    /// Forgets all history and prepares for `arms` arms and contexts of length `contextDimension`.
    mutating func reset(arms: Int, contextDimension: Int)

    /// The arm to pull at `step` (0-based) given the context (empty when non-contextual).
    mutating func selectArm(step: Int, context: [Double], using rng: inout RandomGenerator) -> Int

    /// Learns from the reward that `arm` paid in `context`.
    mutating func update(arm: Int, reward: Double, context: [Double])
}
