import SweepML

/// A bandit agent made of a reward estimator and a selection rule.
///
/// `reset` only records the problem's shape; the estimator is (re)built on the first
/// `selectArm`, with initial weights drawn from that run's generator, so independent runs start
/// from independent networks.
public struct EstimatorAgent<Estimator: RewardEstimator>: BanditAgent {
    /// The estimator (fresh until the first `selectArm` after a reset).
    public private(set) var estimator: Estimator
    /// How estimates become pulls.
    public var rule: SelectionRule
    var arms = 0
    var contextDimension = 0
    var needsReset = true

    /// An agent over `estimator` choosing by `rule`.
    public init(estimator: Estimator, rule: SelectionRule) {
        self.estimator = estimator
        self.rule = rule
    }

    public mutating func reset(arms: Int, contextDimension: Int) {
        self.arms = arms
        self.contextDimension = contextDimension
        needsReset = true
    }

    public mutating func selectArm(step: Int, context: [Double], using rng: inout RandomGenerator) -> Int {
        if needsReset {
            estimator.reset(arms: arms, contextDimension: contextDimension, using: &rng)
            needsReset = false
        }
        return rule.select(estimator.estimates(context: context), using: &rng)
    }

    public mutating func update(arm: Int, reward: Double, context: [Double]) {
        estimator.update(arm: arm, context: context, reward: reward)
    }
}
