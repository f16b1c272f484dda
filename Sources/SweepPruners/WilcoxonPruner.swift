import SweepCore

/// Prunes a trial that a Wilcoxon signed-rank test finds worse than the best trial, step by step
/// (Optuna's `WilcoxonPruner`). Meant for objectives that are a mean over many evaluations (folds,
/// instances, seeds) reported one per step.
///
/// The rule: pair the trial's values with the best complete trial's values at the steps both
/// reported; with at least `max(2, n_startup_steps)` pairs, test whether the trial's values are
/// lower (maximize) or higher (minimize) than the best trial's (`WilcoxonSignedRank`, SciPy's
/// `zero_method="zsplit"`). Prune when the p-value is below `p_threshold`, unless the trial's mean
/// over all its reports is at least as good as the best trial's mean over all of its own (a safety
/// Optuna keeps).
///
/// NaN and infinities: when the trial's values or the best trial's values are not all finite,
/// the trial is not pruned. No best trial, or one without reports: not pruned.
///
/// Spec: `wilcoxon:p_threshold=0.1,n_startup_steps=2`. The cost of a decision grows with the
/// number of steps, not with the number of trials (it reads the index's best trial).
public struct WilcoxonPruner: Pruner, CustomStringConvertible {
    /// Prune when the test's p-value is below this; in [0, 1].
    public let pThreshold: Double
    /// No pruning with fewer paired steps; at least 0 (2 pairs are always needed).
    public let nStartupSteps: Int

    /// The spec parameters it takes (Optuna's argument names).
    public static let parameterNames = ["p_threshold", "n_startup_steps"]

    /// Optuna's defaults; throws `SweepError.invalidArgument` naming a parameter out of range.
    public init(pThreshold: Double = 0.1, nStartupSteps: Int = 2) throws(SweepError) {
        try require(pThreshold >= 0 && pThreshold <= 1, "p_threshold", "in [0, 1]", got: formatNumber(pThreshold))
        try require(nStartupSteps >= 0, "n_startup_steps", "an integer >= 0", got: nStartupSteps)
        self.pThreshold = pThreshold
        self.nStartupSteps = nStartupSteps
    }

    /// Reads a `wilcoxon:...` spec.
    public init(spec: Spec) throws(SweepError) {
        let p = try PrunerParameters(spec, allowed: Self.parameterNames)
        let threshold = try p.double("p_threshold", default: 0.1, in: 0...1)
        let startup = try p.int("n_startup_steps", default: 2, min: 0)
        self = try p.build { () throws(SweepError) in try WilcoxonPruner(pThreshold: threshold, nStartupSteps: startup) }
    }

    public func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision {
        let curve = trial.curve
        guard !curve.isEmpty, curve.values.allSatisfy(\.isFinite), let best = study.bestTrial else { return .keepGoing }
        let bestCurve = best.curve(study.objective)
        guard !bestCurve.isEmpty, bestCurve.values.allSatisfy(\.isFinite) else { return .keepGoing }

        let differences = Self.pairedDifferences(curve, bestCurve)
        guard differences.count >= Swift.max(2, nStartupSteps) else { return .keepGoing }

        let direction = study.direction
        let bestMean = Self.mean(bestCurve.values)
        let mean = Self.mean(curve.values)
        let averageIsBest = direction == .maximize ? bestMean <= mean : bestMean >= mean
        let result = WilcoxonSignedRank.test(differences, alternative: direction == .maximize ? .less : .greater)
        guard result.pValue < pThreshold, !averageIsBest else { return .keepGoing }
        return PruneDecision(
            prune: true,
            reason: "worse than best trial \(best.number) over \(differences.count) paired steps "
                + "(Wilcoxon p = \(result.pValue) < \(pThreshold))")
    }

    /// `trial - best` at the steps both reported, in step order (numpy's `intersect1d`).
    static func pairedDifferences(_ trial: MetricCurve, _ best: MetricCurve) -> [Double] {
        var differences: [Double] = []
        var i = 0
        var j = 0
        let a = trial.steps
        let b = best.steps
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                differences.append(trial.values[i] - best.values[j])
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return differences
    }

    /// Python's `sum(values) / len(values)`: summed left to right, in step order.
    static func mean(_ values: [Double]) -> Double {
        var sum = 0.0
        for v in values { sum += v }
        return sum / Double(values.count)
    }

    public var description: String {
        "wilcoxon:p_threshold=\(formatNumber(pThreshold)),n_startup_steps=\(nStartupSteps)"
    }
}
