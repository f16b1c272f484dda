import SweepML

/// The non-learning baseline: every step pulls an arm uniformly at random. Its expected
/// pseudo-regret after T steps is T · (μ* − mean of μ).
public struct RandomAgent: BanditAgent {
    var arms = 1

    /// A random agent.
    public init() {}

    public mutating func reset(arms: Int, contextDimension: Int) { self.arms = arms }

    public mutating func selectArm(step: Int, context: [Double], using rng: inout RandomGenerator) -> Int {
        rng.nextInt(below: arms)
    }

    public mutating func update(arm: Int, reward: Double, context: [Double]) {}
}
