import SweepML

/// A linear contextual bandit: every step shows a context x ~ N(0, I_d) and arm a pays
/// θ_a · x + noise · N(0, 1). The arm weights θ_a ~ N(0, I_d / d) are drawn at every reset, so
/// θ_a · x has unit variance whatever d is.
public struct LinearContextualBandit: BanditEnvironment {
    /// The standard deviation of the reward noise.
    public let noise: Double
    public let armCount: Int
    public let contextDimension: Int
    public var contextClassCount: Int { 1 }
    /// The arm weights of the current run, row a = θ_a (armCount × contextDimension).
    public private(set) var weights: [Double]
    var expected: [Double]
    public private(set) var optimalExpectedReward: Double = 0

    /// `arms` arms over contexts of length `dimension` (both > 0).
    public init(arms: Int, dimension: Int, noise: Double = 0.1) {
        precondition(arms > 0 && dimension > 0 && noise >= 0, "a linear bandit needs arms > 0, dimension > 0, noise ≥ 0")
        self.noise = noise
        armCount = arms
        contextDimension = dimension
        weights = [Double](repeating: 0, count: arms * dimension)
        expected = [Double](repeating: 0, count: arms)
    }

    public mutating func reset(using rng: inout RandomGenerator) {
        let scale = 1 / Double(contextDimension).squareRoot()
        for i in 0..<weights.count { weights[i] = scale * rng.nextNormal() }
    }

    public mutating func observe(step: Int, context: inout [Double], using rng: inout RandomGenerator) -> Int {
        let d = contextDimension
        for j in 0..<d { context[j] = rng.nextNormal() }
        var best = -Double.infinity
        weights.withUnsafeBufferPointer { w in
            context.withUnsafeBufferPointer { x in
                for a in 0..<armCount {
                    var dot = 0.0
                    let row = a &* d
                    for j in 0..<d { dot += w[row &+ j] * x[j] }
                    expected[a] = dot
                    if dot > best { best = dot }
                }
            }
        }
        optimalExpectedReward = best
        return 0
    }

    public func expectedReward(arm: Int) -> Double { expected[arm] }

    public mutating func pull(arm: Int, using rng: inout RandomGenerator) -> Double {
        expected[arm] + noise * rng.nextNormal()
    }
}
