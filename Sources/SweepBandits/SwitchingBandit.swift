import SweepML

/// A piecewise-stationary bandit: at change points the means change abruptly, either redrawn
/// (`ArmRewards.randomMean`), permuted among the arms (so the best arm moves but the set of
/// means stays), or alternated between the initial means and a given second set (a scripted
/// change, e.g. the best arm dropping below a steady one).
public struct SwitchingBandit: BanditEnvironment {
    /// What happens at a change point.
    public enum Change: Sendable, Equatable {
        /// Every mean is drawn anew.
        case redraw
        /// The means are shuffled among the arms.
        case permute
        /// The means switch to these (one per arm), then back to the initial means, and so on.
        case alternate([Double])
    }

    /// When the means change.
    public enum Schedule: Sendable, Equatable {
        /// At steps `period`, 2·`period`, …
        case every(Int)
        /// At the given steps (increasing, > 0).
        case at([Int])
    }

    /// The starting means, or nil to draw them at every reset.
    public let initialMeans: [Double]?
    public let schedule: Schedule
    public let change: Change
    public let rewards: ArmRewards
    /// The means at the current step.
    public private(set) var means: [Double]
    public private(set) var optimalExpectedReward: Double = 0
    public let armCount: Int
    public var contextDimension: Int { 0 }
    public var contextClassCount: Int { 1 }
    var nextChange = 0
    var changeCount = 0

    /// `arms` arms that change on `schedule`.
    public init(arms: Int, initialMeans: [Double]? = nil, schedule: Schedule, change: Change = .redraw, rewards: ArmRewards = .bernoulli) {
        precondition(arms > 0, "a bandit needs at least one arm")
        precondition(initialMeans.map { $0.count == arms } ?? true, "one initial mean per arm")
        if case .alternate(let next) = change { precondition(next.count == arms, "one next mean per arm") }
        self.initialMeans = initialMeans
        self.schedule = schedule
        self.change = change
        self.rewards = rewards
        armCount = arms
        means = initialMeans ?? [Double](repeating: 0, count: arms)
    }

    public mutating func reset(using rng: inout RandomGenerator) {
        for a in 0..<armCount { means[a] = initialMeans?[a] ?? rewards.randomMean(using: &rng) }
        optimalExpectedReward = maximum(means)
        nextChange = 0
        changeCount = 0
    }

    public mutating func observe(step: Int, context: inout [Double], using rng: inout RandomGenerator) -> Int {
        guard step > 0 else { return 0 }
        var changes = false
        switch schedule {
        case .every(let period):
            changes = step % period == 0
        case .at(let points):
            if nextChange < points.count && points[nextChange] == step {
                changes = true
                nextChange += 1
            }
        }
        if changes { changeMeans(using: &rng) }
        return 0
    }

    mutating func changeMeans(using rng: inout RandomGenerator) {
        changeCount += 1
        switch change {
        case .alternate(let next):
            if changeCount % 2 == 1 {
                means = next
            } else {
                for a in 0..<armCount { means[a] = initialMeans?[a] ?? rewards.randomMean(using: &rng) }
            }
        case .redraw:
            for a in 0..<armCount { means[a] = rewards.randomMean(using: &rng) }
        case .permute:
            for a in stride(from: armCount - 1, to: 0, by: -1) {
                means.swapAt(a, rng.nextInt(below: a + 1))
            }
        }
        optimalExpectedReward = maximum(means)
    }

    public func expectedReward(arm: Int) -> Double { means[arm] }

    public mutating func pull(arm: Int, using rng: inout RandomGenerator) -> Double {
        rewards.draw(mean: means[arm], using: &rng)
    }
}
