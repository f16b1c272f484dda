import SweepML

/// ε-greedy (Sutton & Barto §2.2–2.5): with probability ε a uniformly random arm, otherwise the
/// arm with the highest value estimate (ties broken uniformly at random). Estimates are sample
/// averages, or exponential recency-weighted averages with a constant `stepSize` (for
/// non-stationary arms), starting from `initial` (optimistic when high). ε = 0 is the greedy agent.
public struct EpsilonGreedyAgent: BanditAgent {
    /// The exploration probability, in [0, 1].
    public let epsilon: Double
    var estimates: ArmValues
    /// The largest estimate, how many arms share it, and the first of them — kept up to date by
    /// `update` (only the pulled arm's estimate changes), so a greedy step is O(1) when the
    /// maximum is unique and a uniform pick among the tied arms otherwise.
    var maximum = 0.0
    var tied = 0
    var first = 0

    /// An ε-greedy agent; `stepSize` nil means sample averages.
    public init(epsilon: Double, stepSize: Double? = nil, initial: Double = 0) {
        precondition((0...1).contains(epsilon), "epsilon must lie in [0, 1]")
        precondition(stepSize.map { $0 > 0 && $0 <= 1 } ?? true, "step size must lie in (0, 1]")
        self.epsilon = epsilon
        estimates = ArmValues(initial: initial, stepSize: stepSize)
    }

    public mutating func reset(arms: Int, contextDimension: Int) {
        estimates.reset(arms: arms)
        rescan()
    }

    @inline(__always)
    public mutating func selectArm(step: Int, context: [Double], using rng: inout RandomGenerator) -> Int {
        let arms = estimates.values.count
        if epsilon > 0 && rng.nextUnit() < epsilon { return rng.nextInt(below: arms) }
        if tied == 1 { return first }
        let pick = pickTied(generator: rng)
        rng = pick.rng
        return pick.arm
    }

    @inline(__always)
    public mutating func update(arm: Int, reward: Double, context: [Double]) {
        let old = estimates.values[arm]
        estimates.update(arm: arm, reward: reward)
        let new = estimates.values[arm]
        if new > maximum {
            maximum = new
            tied = 1
            first = arm
        } else if new == maximum {
            if old != maximum {
                tied &+= 1
                if arm < first { first = arm }
            }
        } else if old == maximum {
            // The pulled arm held the maximum and fell below it.
            rescan()
        }
    }

    /// Recomputes the maximum, its ties and the first tied arm.
    mutating func rescan() {
        estimates.values.withUnsafeBufferPointer { v in
            guard !v.isEmpty else { return }
            var best = v[0]
            var count = 1
            var index = 0
            for i in 1..<v.count {
                if v[i] > best {
                    best = v[i]
                    count = 1
                    index = i
                } else if v[i] == best {
                    count &+= 1
                }
            }
            maximum = best
            tied = count
            first = index
        }
    }

    /// A uniformly random arm among the `tied` arms holding the maximum (one draw), and the
    /// generator after it (by value, so the caller's stays in registers).
    @inline(never)
    func pickTied(generator: RandomGenerator) -> (arm: Int, rng: RandomGenerator) {
        var rng = generator
        var k = rng.nextInt(below: tied)
        let arm = estimates.values.withUnsafeBufferPointer { v in
            for i in 0..<v.count where v[i] == maximum {
                if k == 0 { return i }
                k &-= 1
            }
            return first
        }
        return (arm, rng)
    }
}
