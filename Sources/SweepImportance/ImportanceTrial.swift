import Foundation
import SweepCore

/// A complete trial as the evaluators read it: its parameters, their distributions and a finite
/// value.
public struct ImportanceTrial: Sendable, Hashable {
    public var params: [String: ParamValue]
    public var distributions: [String: Distribution]
    public var value: Double

    public init(params: [String: ParamValue], distributions: [String: Distribution], value: Double) {
        self.params = params
        self.distributions = distributions
        self.value = value
    }

    /// The complete trials of `trials` with a finite value, as Optuna filters them
    /// (`TrialState.COMPLETE` and `math.isfinite(trial.value)`).
    public static func usable(_ trials: [Trial]) -> [ImportanceTrial] {
        trials.compactMap { trial in
            guard trial.state == .complete, let value = trial.value, value.isFinite else { return nil }
            return ImportanceTrial(params: trial.params, distributions: trial.distributions, value: value)
        }
    }

    /// The parameter's value on its distribution's axis: the number (its logarithm when `log`
    /// and `logScale`), or a categorical choice's index. Nil when absent or not of the
    /// distribution's kind.
    func coordinate(_ name: String, on distribution: Distribution, logScale: Bool) -> Double? {
        guard let value = params[name] else { return nil }
        switch distribution {
        case .categorical: return distribution.toInternal(value)
        case .float(let d): return value.doubleValue.map { logScale && d.log ? Foundation.log($0) : $0 }
        case .int(let d): return value.doubleValue.map { logScale && d.log ? Foundation.log($0) : $0 }
        }
    }
}
