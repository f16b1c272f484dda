import SweepML

/// The index of the largest value, ties broken uniformly at random (one draw per tie met, none
/// when the maximum is unique among the values scanned so far).
@inline(__always)
func argmaxBreakingTies(_ values: [Double], using rng: inout RandomGenerator) -> Int {
    values.withUnsafeBufferPointer { v in
        var best = 0
        var bestValue = v[0]
        var ties = 1
        for i in 1..<v.count {
            let x = v[i]
            if x > bestValue {
                best = i
                bestValue = x
                ties = 1
            } else if x == bestValue {
                ties &+= 1
                if rng.nextInt(below: ties) == 0 { best = i }
            }
        }
        return best
    }
}

/// Sample-average (or constant step size) value estimates, one per arm.
struct ArmValues: Sendable {
    var values: [Double] = []
    var counts: [Int] = []
    let initial: Double
    let stepSize: Double?

    init(initial: Double = 0, stepSize: Double? = nil) {
        self.initial = initial
        self.stepSize = stepSize
    }

    mutating func reset(arms: Int) {
        values = [Double](repeating: initial, count: arms)
        counts = [Int](repeating: 0, count: arms)
    }

    /// Moves the estimate of `arm` towards `reward` and returns the change.
    @inline(__always) @discardableResult
    mutating func update(arm: Int, reward: Double) -> Double {
        counts[arm] &+= 1
        let alpha = stepSize ?? 1 / Double(counts[arm])
        let delta = alpha * (reward - values[arm])
        values[arm] += delta
        return delta
    }
}
