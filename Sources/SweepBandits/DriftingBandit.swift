import SweepML

/// A non-stationary bandit whose means take independent Gaussian random walks: before every step
/// after the first, μ_a ← μ_a + drift · N(0, 1) (reflected into [0, 1] for Bernoulli arms), as in
/// Sutton & Barto's exercise 2.5.
public struct DriftingBandit: BanditEnvironment {
    /// The starting means, or nil to draw them at every reset (`ArmRewards.randomMean`).
    public let initialMeans: [Double]?
    /// The standard deviation of one step of the random walk.
    public let drift: Double
    /// How an arm pays given its current mean.
    public let rewards: ArmRewards
    /// The means at the current step.
    public private(set) var means: [Double]
    public private(set) var optimalExpectedReward: Double = 0
    public let armCount: Int
    public var contextDimension: Int { 0 }
    public var contextClassCount: Int { 1 }

    /// `arms` drifting arms; `initialMeans` (if given) has one mean per arm.
    public init(arms: Int, initialMeans: [Double]? = nil, drift: Double = 0.01, rewards: ArmRewards = .gaussian(std: 1)) {
        precondition(arms > 0 && drift >= 0, "a drifting bandit needs arms > 0 and drift ≥ 0")
        precondition(initialMeans.map { $0.count == arms } ?? true, "one initial mean per arm")
        self.initialMeans = initialMeans
        self.drift = drift
        self.rewards = rewards
        armCount = arms
        means = initialMeans ?? [Double](repeating: 0, count: arms)
    }

    public mutating func reset(using rng: inout RandomGenerator) {
        for a in 0..<armCount { means[a] = initialMeans?[a] ?? rewards.randomMean(using: &rng) }
        optimalExpectedReward = maximum(means)
    }

    public mutating func observe(step: Int, context: inout [Double], using rng: inout RandomGenerator) -> Int {
        guard step > 0, drift > 0 else { return 0 }
        var best = -Double.infinity
        for a in 0..<armCount {
            let m = rewards.clamp(means[a] + drift * rng.nextNormal())
            means[a] = m
            if m > best { best = m }
        }
        optimalExpectedReward = best
        return 0
    }

    public func expectedReward(arm: Int) -> Double { means[arm] }

    public mutating func pull(arm: Int, using rng: inout RandomGenerator) -> Double {
        rewards.draw(mean: means[arm], using: &rng)
    }
}
