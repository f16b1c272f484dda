import Foundation
import SweepML

/// ε-greedy with one exploration rate per arm, adapted from value-difference based exploration
/// (VDBE, Tokic 2010), where the rate follows how much the value estimates still move.
///
/// Each arm a keeps ε_a (starting at `initialEpsilon`). After a pull of a, with Δ the change of
/// its estimate, ε_a ← δ · f(Δ) + (1 − δ) · ε_a with f(Δ) = (1 − e^(−|Δ|/σ)) / (1 + e^(−|Δ|/σ))
/// (VDBE's Boltzmann-shaped function, σ the inverse sensitivity, δ = 1/K by default as in the
/// paper). To select, the agent takes the greedy arm g and explores uniformly with probability
/// ε_g: an arm whose estimate has settled is exploited, one still moving is not trusted.
/// (VDBE keeps one ε per state; a bandit has one state, so this per-arm form is ours.)
public struct PerArmEpsilonAgent: BanditAgent {
    /// The inverse sensitivity σ > 0.
    public let sigma: Double
    /// The rate δ in (0, 1], or nil for 1/K.
    public let delta: Double?
    /// Every arm's starting ε.
    public let initialEpsilon: Double
    var estimates: ArmValues
    /// The current exploration rate of each arm.
    public private(set) var epsilons: [Double] = []
    var rate = 1.0

    /// A per-arm ε agent; `stepSize` nil means sample averages.
    public init(sigma: Double = 1, delta: Double? = nil, initialEpsilon: Double = 1, stepSize: Double? = nil) {
        precondition(sigma > 0, "sigma must be positive")
        precondition(delta.map { $0 > 0 && $0 <= 1 } ?? true, "delta must lie in (0, 1]")
        precondition((0...1).contains(initialEpsilon), "initial epsilon must lie in [0, 1]")
        self.sigma = sigma
        self.delta = delta
        self.initialEpsilon = initialEpsilon
        estimates = ArmValues(stepSize: stepSize)
    }

    public mutating func reset(arms: Int, contextDimension: Int) {
        estimates.reset(arms: arms)
        epsilons = [Double](repeating: initialEpsilon, count: arms)
        rate = delta ?? 1 / Double(arms)
    }

    public mutating func selectArm(step: Int, context: [Double], using rng: inout RandomGenerator) -> Int {
        let greedy = argmaxBreakingTies(estimates.values, using: &rng)
        if rng.nextUnit() < epsilons[greedy] { return rng.nextInt(below: epsilons.count) }
        return greedy
    }

    public mutating func update(arm: Int, reward: Double, context: [Double]) {
        let change = estimates.update(arm: arm, reward: reward)
        let e = exp(-abs(change) / sigma)
        epsilons[arm] = rate * (1 - e) / (1 + e) + (1 - rate) * epsilons[arm]
    }
}
