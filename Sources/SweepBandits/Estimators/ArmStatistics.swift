import Foundation

/// Per-arm pull counts and prediction residuals, the count-based half of every estimator.
///
/// A residual is the reward minus the estimator's prediction just before it learned from that
/// reward, so the pooled residual variance measures how well the estimator predicts.
public struct ArmStatistics: Sendable, Equatable, Codable {
    /// Pulls of each arm.
    public private(set) var counts: [Int]
    /// Sum of squared residuals of each arm.
    public private(set) var squaredResiduals: [Double]
    /// Total pulls.
    public private(set) var total = 0
    /// Pulls that came with a prediction (and so a residual).
    public private(set) var residualCount = 0

    /// Empty statistics for `arms` arms.
    public init(arms: Int) {
        counts = [Int](repeating: 0, count: arms)
        squaredResiduals = [Double](repeating: 0, count: arms)
    }

    /// Records a pull of `arm` whose reward missed the prediction by `residual` (nil when there
    /// was no prediction yet, as for an empirical mean's first pull).
    public mutating func record(arm: Int, residual: Double?) {
        counts[arm] += 1
        total += 1
        if let residual, residual.isFinite {
            squaredResiduals[arm] += residual * residual
            residualCount += 1
        }
    }

    /// The pooled residual standard deviation; 1 until two rewards have been seen, and never
    /// below 1e-6 (so a perfectly predicted reward still leaves some exploration).
    public var residualStandardDeviation: Double {
        guard residualCount >= 2 else { return 1 }
        return max((squaredResiduals.reduce(0, +) / Double(residualCount - 1)).squareRoot(), 1e-6)
    }
}
