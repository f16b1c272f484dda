import SweepML

/// A multi-armed bandit: at each step it shows a situation (a context, possibly empty), the agent
/// pulls one arm and the environment pays a reward.
///
/// Environments are values. `reset` starts an independent run (drawing random means, change points
/// or a dataset order from `rng`); the simulator then calls, for every step, `observe`, then
/// `expectedReward`/`optimalExpectedReward` for the regret, then `pull`.
public protocol BanditEnvironment: Sendable {
    /// Number of arms K.
    var armCount: Int { get }
    /// Length of the context vectors; 0 for a non-contextual bandit.
    var contextDimension: Int { get }
    /// Number of context classes, for arm × class counts; 1 when contexts have no class.
    var contextClassCount: Int { get }

    /// Starts a new independent run.
    mutating func reset(using rng: inout RandomGenerator)

    /// Moves to step `step`: writes the context into `context` (already sized
    /// `contextDimension`) and returns the context's class (0 when there are no classes).
    mutating func observe(step: Int, context: inout [Double], using rng: inout RandomGenerator) -> Int

    /// The expected reward of `arm` in the current situation (for pseudo-regret).
    func expectedReward(arm: Int) -> Double

    /// The best expected reward in the current situation.
    var optimalExpectedReward: Double { get }

    /// Pulls `arm` in the current situation and returns its random reward.
    mutating func pull(arm: Int, using rng: inout RandomGenerator) -> Double
}
