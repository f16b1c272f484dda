import SweepML

/// The context-blind baseline: each arm's estimate is its sample mean (or, with a step size, an
/// exponential recency-weighted mean).
public struct EmpiricalEstimator: RewardEstimator {
    /// The constant step size α of `Q += α (r - Q)`; nil for the sample mean (α = 1/n).
    public var stepSize: Double?
    /// The estimate before an arm has been pulled.
    public var initialValue: Double
    /// The current estimates.
    public private(set) var means: [Double] = []
    public private(set) var statistics = ArmStatistics(arms: 0)

    /// An estimator with sample means (`stepSize` nil) or constant-step means.
    public init(stepSize: Double? = nil, initialValue: Double = 0) {
        self.stepSize = stepSize
        self.initialValue = initialValue
    }

    public mutating func reset(arms: Int, contextDimension: Int, using rng: inout RandomGenerator) {
        means = [Double](repeating: initialValue, count: arms)
        statistics = ArmStatistics(arms: arms)
    }

    public func predict(context: [Double]) -> [Double] { means }

    public mutating func update(arm: Int, context: [Double], reward: Double) {
        let residual = reward - means[arm]
        statistics.record(arm: arm, residual: statistics.counts[arm] == 0 ? nil : residual)
        let alpha = stepSize ?? 1 / Double(statistics.counts[arm])
        means[arm] += alpha * residual
    }
}
