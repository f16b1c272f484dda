import Foundation
import SweepML

/// A model of each arm's mean reward, learned online from (arm, context, reward) triples.
///
/// Estimators only estimate; a `SelectionRule` turns estimates into a choice of arm, and
/// `EstimatorAgent` puts the two together as a `BanditAgent`. Every estimator also keeps
/// `ArmStatistics` (pull counts and prediction residuals), which give count-based uncertainties.
public protocol RewardEstimator: Sendable {
    /// Forgets everything and prepares for `arms` arms and contexts of length `contextDimension`;
    /// learned estimators draw their initial weights from `rng`.
    mutating func reset(arms: Int, contextDimension: Int, using rng: inout RandomGenerator)

    /// The predicted mean reward of every arm in `context` (empty when non-contextual).
    func predict(context: [Double]) -> [Double]

    /// Learns that `arm` paid `reward` in `context`.
    mutating func update(arm: Int, context: [Double], reward: Double)

    /// Pull counts and residuals so far.
    var statistics: ArmStatistics { get }
}

extension RewardEstimator {
    /// The predictions with their count-based uncertainties.
    public func estimates(context: [Double]) -> RewardEstimates {
        RewardEstimates(means: predict(context: context), statistics: statistics)
    }
}

/// Predicted mean rewards with what a selection rule needs to explore around them.
public struct RewardEstimates: Sendable, Equatable {
    /// The predicted mean reward of each arm.
    public var means: [Double]
    /// Pulls of each arm so far.
    public var counts: [Int]
    /// Total pulls so far.
    public var total: Int
    /// The typical size of a prediction error (pooled residual standard deviation; 1 before any
    /// residual is known). UCB bonuses and Thompson noise are scaled by it, so they follow the
    /// reward's own scale.
    public var noiseScale: Double

    /// Estimates from predictions and statistics.
    public init(means: [Double], statistics: ArmStatistics) {
        self.means = means
        self.counts = statistics.counts
        self.total = statistics.total
        self.noiseScale = statistics.residualStandardDeviation
    }

    /// The standard error of arm `a`'s mean: `noiseScale / √(n_a + 1)`.
    public func standardError(_ a: Int) -> Double {
        noiseScale / Double(counts[a] + 1).squareRoot()
    }

    /// The UCB width of arm `a`: `noiseScale · √(2 ln(t + 1) / n_a)`, infinite for an arm never pulled.
    public func confidenceWidth(_ a: Int) -> Double {
        guard counts[a] > 0 else { return .infinity }
        return noiseScale * (2 * log(Double(total + 1)) / Double(counts[a])).squareRoot()
    }
}
