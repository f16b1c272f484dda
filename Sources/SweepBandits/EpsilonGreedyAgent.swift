import SweepML

/// ε-greedy (Sutton & Barto §2.2–2.5): with probability ε a uniformly random arm, otherwise the
/// arm with the highest value estimate (ties broken at random). Estimates are sample averages, or
/// exponential recency-weighted averages with a constant `stepSize` (for non-stationary arms),
/// starting from `initial` (optimistic when high). ε = 0 is the greedy agent.
public struct EpsilonGreedyAgent: BanditAgent {
    /// The exploration probability, in [0, 1].
    public let epsilon: Double
    var estimates: ArmValues

    /// An ε-greedy agent; `stepSize` nil means sample averages.
    public init(epsilon: Double, stepSize: Double? = nil, initial: Double = 0) {
        precondition((0...1).contains(epsilon), "epsilon must lie in [0, 1]")
        precondition(stepSize.map { $0 > 0 && $0 <= 1 } ?? true, "step size must lie in (0, 1]")
        self.epsilon = epsilon
        estimates = ArmValues(initial: initial, stepSize: stepSize)
    }

    public mutating func reset(arms: Int, contextDimension: Int) { estimates.reset(arms: arms) }

    public mutating func selectArm(step: Int, context: [Double], using rng: inout RandomGenerator) -> Int {
        if epsilon > 0 && rng.nextUnit() < epsilon { return rng.nextInt(below: estimates.values.count) }
        return argmaxBreakingTies(estimates.values, using: &rng)
    }

    public mutating func update(arm: Int, reward: Double, context: [Double]) {
        estimates.update(arm: arm, reward: reward)
    }
}
