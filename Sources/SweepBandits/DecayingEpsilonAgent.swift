import Foundation
import SweepML

/// ε_t-greedy with a decaying exploration rate (Auer, Cesa-Bianchi & Fischer 2002, "ε_n-greedy"):
/// at step t (1-based) ε_t = min(1, c·K / (d²·t)), where K is the number of arms and d a lower
/// bound on the gap between the best and the second-best mean. Estimates are sample averages.
/// With the defaults c = 1, d = 1 this is ε_t = min(1, K/t).
public struct DecayingEpsilonAgent: BanditAgent {
    /// The constant c > 0.
    public let c: Double
    /// The assumed gap d in (0, 1].
    public let d: Double
    var estimates = ArmValues()
    var scale = 1.0

    /// A decaying-ε agent.
    public init(c: Double = 1, d: Double = 1) {
        precondition(c > 0 && d > 0, "c and d must be positive")
        self.c = c
        self.d = d
    }

    public mutating func reset(arms: Int, contextDimension: Int) {
        estimates.reset(arms: arms)
        scale = c * Double(arms) / (d * d)
    }

    /// The exploration probability at `step` (0-based).
    public func epsilon(step: Int) -> Double { min(1, scale / Double(step + 1)) }

    public mutating func selectArm(step: Int, context: [Double], using rng: inout RandomGenerator) -> Int {
        if rng.nextUnit() < epsilon(step: step) { return rng.nextInt(below: estimates.values.count) }
        return argmaxBreakingTies(estimates.values, using: &rng)
    }

    public mutating func update(arm: Int, reward: Double, context: [Double]) {
        estimates.update(arm: arm, reward: reward)
    }
}
