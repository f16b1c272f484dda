import SweepCore

/// Waits until a trial has stopped improving for `patience` steps before letting another pruner
/// decide (Optuna's `PatientPruner`); without a wrapped pruner it prunes then.
///
/// The rule: with the trial's reports sorted by step, split off the last `patience + 1`; when the
/// best value before them beats the best value among them by more than `min_delta` (for a
/// maximized objective `max(before) - min_delta > max(after)`, for a minimized one
/// `min(before) + min_delta < min(after)`), the trial has stagnated: the wrapped pruner decides
/// (its decision, attributes included, is returned), or the trial is pruned when there is none.
/// Nothing is decided while the trial has `patience + 1` reports or fewer.
///
/// NaN: ignored when taking the best values (numpy's `nanmax`/`nanmin`); when all values on one
/// side are NaN the trial is not pruned.
///
/// Spec: `patient:patience=3,min_delta=0,wrapped=median:n_warmup_steps=5` (`patience` is
/// required; `wrapped` takes the rest of the string and may be left out).
public struct PatientPruner: Pruner, CustomStringConvertible {
    /// Decides once the trial has stagnated; nil prunes then.
    public let wrapped: (any Pruner)?
    /// Steps without improvement before the trial counts as stagnating; at least 0.
    public let patience: Int
    /// How much better a value must be to count as an improvement; at least 0.
    public let minDelta: Double

    /// The spec parameters it takes (Optuna's argument names).
    public static let parameterNames = ["patience", "min_delta", "wrapped"]

    /// Throws `SweepError.invalidArgument` when `patience` or `minDelta` is negative.
    public init(wrapped: (any Pruner)?, patience: Int, minDelta: Double = 0) throws(SweepError) {
        try require(patience >= 0, "patience", "an integer >= 0", got: patience)
        try require(minDelta >= 0, "min_delta", "a number >= 0", got: formatNumber(minDelta))
        self.wrapped = wrapped
        self.patience = patience
        self.minDelta = minDelta
    }

    /// Reads a `patient:...` spec.
    public init(spec: Spec) throws(SweepError) {
        let p = try PrunerParameters(spec, allowed: Self.parameterNames)
        let patience = try p.requiredInt("patience", min: 0)
        let minDelta = try p.double("min_delta", default: 0, min: 0)
        let wrapped = try p.pruner("wrapped")
        self = try p.build { () throws(SweepError) in
            try PatientPruner(wrapped: wrapped, patience: patience, minDelta: minDelta)
        }
    }

    public func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision {
        let curve = trial.curve
        guard curve.count > patience + 1 else { return .keepGoing }
        let values = curve.values
        let split = values.count - patience - 1
        let direction = study.direction
        let before = nanBest(values[..<split], direction)
        let after = nanBest(values[split...], direction)
        let stagnated = direction == .maximize ? before - minDelta > after : before + minDelta < after
        guard stagnated else { return .keepGoing }
        if let wrapped { return wrapped.decide(trial, in: study) }
        return PruneDecision(
            prune: true,
            reason: "no improvement over \(before) in the last \(patience + 1) reports (best \(after), min_delta \(minDelta))")
    }

    /// Only what the wrapped pruner reads (the study's direction is known without reading it).
    public var readsStudy: Bool { wrapped?.readsStudy ?? false }

    public var description: String {
        var text = "patient:patience=\(patience),min_delta=\(formatNumber(minDelta))"
        if let wrapped { text += ",wrapped=\(wrapped)" }
        return text
    }
}
