import SweepML

/// K arms paying N(μ_a, σ_a²); the means are given, or drawn from N(0, 1) at the start of every
/// run (Sutton & Barto's 10-armed testbed is `GaussianBandit(randomArms: 10, std: 1)`).
public struct GaussianBandit: BanditEnvironment {
    /// The given means, or nil when every run draws new ones.
    public let fixedMeans: [Double]?
    /// The means of the current run.
    public private(set) var means: [Double]
    /// The reward standard deviation of each arm.
    public let stds: [Double]
    public private(set) var optimalExpectedReward: Double
    public let armCount: Int
    public var contextDimension: Int { 0 }
    public var contextClassCount: Int { 1 }

    /// Arms with the given means and standard deviations (one per arm, or one for all; ≥ 0).
    public init(means: [Double], stds: [Double] = [1]) {
        precondition(!means.isEmpty, "a bandit needs at least one arm")
        precondition(stds.count == 1 || stds.count == means.count, "one std for all arms or one per arm")
        fixedMeans = means
        self.means = means
        self.stds = stds.count == 1 ? [Double](repeating: stds[0], count: means.count) : stds
        armCount = means.count
        optimalExpectedReward = maximum(means)
    }

    /// `arms` arms with means drawn from N(0, 1) at every reset and reward noise `std`.
    public init(randomArms arms: Int, std: Double = 1) {
        precondition(arms > 0, "a bandit needs at least one arm")
        fixedMeans = nil
        means = [Double](repeating: 0, count: arms)
        stds = [Double](repeating: std, count: arms)
        armCount = arms
        optimalExpectedReward = 0
    }

    public mutating func reset(using rng: inout RandomGenerator) {
        if fixedMeans == nil {
            for a in 0..<armCount { means[a] = rng.nextNormal() }
            optimalExpectedReward = maximum(means)
        }
    }

    public mutating func observe(step: Int, context: inout [Double], using rng: inout RandomGenerator) -> Int { 0 }

    public func expectedReward(arm: Int) -> Double { means[arm] }

    public mutating func pull(arm: Int, using rng: inout RandomGenerator) -> Double {
        means[arm] + stds[arm] * rng.nextNormal()
    }
}
