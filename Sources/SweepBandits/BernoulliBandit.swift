import SweepML

/// K arms paying 1 with probability μ_a and 0 otherwise; the means are given, or drawn from
/// U(0, 1) at the start of every run.
public struct BernoulliBandit: BanditEnvironment {
    /// The given means, or nil when every run draws new ones.
    public let fixedMeans: [Double]?
    /// The means of the current run.
    public private(set) var means: [Double]
    public private(set) var optimalExpectedReward: Double
    public let armCount: Int
    public var contextDimension: Int { 0 }
    public var contextClassCount: Int { 1 }

    /// Arms with the given means (each in [0, 1]; at least one arm).
    public init(means: [Double]) {
        precondition(!means.isEmpty && means.allSatisfy { (0...1).contains($0) }, "Bernoulli means must lie in [0, 1]")
        fixedMeans = means
        self.means = means
        armCount = means.count
        optimalExpectedReward = maximum(means)
    }

    /// `arms` arms whose means are drawn from U(0, 1) at every reset.
    public init(randomArms arms: Int) {
        precondition(arms > 0, "a bandit needs at least one arm")
        fixedMeans = nil
        means = [Double](repeating: 0.5, count: arms)
        armCount = arms
        optimalExpectedReward = 0.5
    }

    public mutating func reset(using rng: inout RandomGenerator) {
        if fixedMeans == nil {
            for a in 0..<armCount { means[a] = rng.nextUnit() }
            optimalExpectedReward = maximum(means)
        }
    }

    public mutating func observe(step: Int, context: inout [Double], using rng: inout RandomGenerator) -> Int { 0 }

    public func expectedReward(arm: Int) -> Double { means[arm] }

    public mutating func pull(arm: Int, using rng: inout RandomGenerator) -> Double {
        rng.nextUnit() < means[arm] ? 1 : 0
    }
}
