import SweepML

/// Disjoint LinUCB (Li, Chu, Langford & Schapire 2010, Algorithm 1): each arm a fits a ridge
/// regression θ_a = A_a⁻¹ b_a of reward on context and the agent pulls the arm maximising
/// θ_a·x + α · √(xᵀ A_a⁻¹ x). A_a⁻¹ is kept directly and updated with the Sherman–Morrison
/// formula, so a step costs O(K·d²). Without contexts (dimension 0) the context is the constant 1,
/// which makes it a UCB-style agent.
public struct LinUCBAgent: BanditAgent {
    /// The width α ≥ 0 of the confidence bound.
    public let alpha: Double
    var dimension = 1
    var inverses: [Double] = []
    var targets: [Double] = []
    var x: [Double] = []
    var v: [Double] = []

    /// A LinUCB agent.
    public init(alpha: Double = 1) {
        precondition(alpha >= 0, "alpha must be non-negative")
        self.alpha = alpha
    }

    public mutating func reset(arms: Int, contextDimension: Int) {
        let d = max(1, contextDimension)
        dimension = d
        inverses = [Double](repeating: 0, count: arms * d * d)
        for a in 0..<arms {
            for i in 0..<d { inverses[a * d * d + i * d + i] = 1 }
        }
        targets = [Double](repeating: 0, count: arms * d)
        x = [Double](repeating: 1, count: d)
        v = [Double](repeating: 0, count: d)
    }

    public mutating func selectArm(step: Int, context: [Double], using rng: inout RandomGenerator) -> Int {
        load(context)
        let d = dimension
        let arms = targets.count / d
        var best = 0
        var bestValue = -Double.infinity
        for a in 0..<arms {
            let (mean, variance) = solve(arm: a)
            let value = mean + alpha * max(variance, 0).squareRoot()
            if value > bestValue {
                bestValue = value
                best = a
            }
        }
        return best
    }

    public mutating func update(arm: Int, reward: Double, context: [Double]) {
        load(context)
        let d = dimension
        let (_, variance) = solve(arm: arm)
        let scale = 1 / (1 + variance)
        let base = arm &* d &* d
        inverses.withUnsafeMutableBufferPointer { m in
            v.withUnsafeBufferPointer { v in
                for i in 0..<d {
                    let vi = v[i] * scale
                    for j in 0..<d { m[base &+ i &* d &+ j] -= vi * v[j] }
                }
            }
        }
        for j in 0..<d { targets[arm &* d &+ j] += reward * x[j] }
    }

    /// Copies the context into `x` (keeps the constant 1 when there is none).
    @inline(__always)
    mutating func load(_ context: [Double]) {
        if !context.isEmpty {
            for j in 0..<dimension { x[j] = context[j] }
        }
    }

    /// Sets v = A_a⁻¹ x and returns (b_a · v, x · v): the predicted reward θ_a·x and xᵀA_a⁻¹x.
    @inline(__always)
    mutating func solve(arm a: Int) -> (Double, Double) {
        let d = dimension
        let base = a &* d &* d
        var mean = 0.0
        var variance = 0.0
        inverses.withUnsafeBufferPointer { m in
            x.withUnsafeBufferPointer { x in
                targets.withUnsafeBufferPointer { b in
                    v.withUnsafeMutableBufferPointer { v in
                        for i in 0..<d {
                            var sum = 0.0
                            let row = base &+ i &* d
                            for j in 0..<d { sum += m[row &+ j] * x[j] }
                            v[i] = sum
                            mean += b[a &* d &+ i] * sum
                            variance += x[i] * sum
                        }
                    }
                }
            }
        }
        return (mean, variance)
    }
}
