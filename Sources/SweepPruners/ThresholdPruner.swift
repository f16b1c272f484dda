import SweepCore

/// Prunes a trial whose latest value leaves a fixed range or is NaN (Optuna's `ThresholdPruner`).
///
/// The rule, checked after each report at the trial's largest step `s`: from step
/// `n_warmup_steps` on, at the first report of every `interval_steps` window, prune when the value
/// at `s` is below `lower`, above `upper`, or NaN. Other trials are not consulted.
///
/// Spec: `threshold:lower=0.1,upper=5,n_warmup_steps=0,interval_steps=1` (at least one of `lower`
/// and `upper`; `lower <= upper`; `inf` and `-inf` are accepted).
public struct ThresholdPruner: Pruner, CustomStringConvertible {
    /// Values below this are pruned (`-infinity` when not given).
    public let lower: Double
    /// Values above this are pruned (`+infinity` when not given).
    public let upper: Double
    /// No pruning before this step.
    public let nWarmupSteps: Int
    /// Steps between pruning checks, counted from `nWarmupSteps`; at least 1.
    public let intervalSteps: Int

    /// The spec parameters it takes (Optuna's argument names).
    public static let parameterNames = ["lower", "upper", "n_warmup_steps", "interval_steps"]

    /// Optuna's defaults; throws `SweepError.invalidArgument` when both bounds are missing, when
    /// `lower > upper` or a step count is out of range.
    public init(lower: Double? = nil, upper: Double? = nil, nWarmupSteps: Int = 0, intervalSteps: Int = 1) throws(SweepError) {
        guard lower != nil || upper != nil else {
            throw .invalidArgument("threshold needs lower or upper (or both), got neither")
        }
        try require(!(lower?.isNaN ?? false), "lower", "a number", got: "nan")
        try require(!(upper?.isNaN ?? false), "upper", "a number", got: "nan")
        let lo = lower ?? -.infinity
        let hi = upper ?? .infinity
        guard lo <= hi else {
            throw .invalidArgument("lower must be <= upper, got lower=\(formatNumber(lo)) and upper=\(formatNumber(hi))")
        }
        try require(nWarmupSteps >= 0, "n_warmup_steps", "an integer >= 0", got: nWarmupSteps)
        try require(intervalSteps >= 1, "interval_steps", "an integer >= 1", got: intervalSteps)
        self.lower = lo
        self.upper = hi
        self.nWarmupSteps = nWarmupSteps
        self.intervalSteps = intervalSteps
    }

    /// Reads a `threshold:...` spec.
    public init(spec: Spec) throws(SweepError) {
        let p = try PrunerParameters(spec, allowed: Self.parameterNames)
        let lower = try p.optionalDouble("lower")
        let upper = try p.optionalDouble("upper")
        let warmup = try p.int("n_warmup_steps", default: 0, min: 0)
        let interval = try p.int("interval_steps", default: 1, min: 1)
        self = try p.build { () throws(SweepError) in
            try ThresholdPruner(lower: lower, upper: upper, nWarmupSteps: warmup, intervalSteps: interval)
        }
    }

    public func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision {
        guard let step = trial.lastStep, step >= nWarmupSteps,
            isFirstReportInInterval(step, of: trial.curve, warmupSteps: nWarmupSteps, intervalSteps: intervalSteps),
            let value = trial.curve.value(at: step)
        else { return .keepGoing }
        if value.isNaN { return PruneDecision(prune: true, reason: "the value at step \(step) is NaN") }
        if value < lower { return PruneDecision(prune: true, reason: "the value \(value) at step \(step) is below \(lower)") }
        if value > upper { return PruneDecision(prune: true, reason: "the value \(value) at step \(step) is above \(upper)") }
        return .keepGoing
    }

    /// False: it compares the trial's own values with fixed bounds.
    public var readsStudy: Bool { false }

    public var description: String {
        var parts: [String] = []
        if lower > -.infinity { parts.append("lower=\(formatNumber(lower))") }
        if upper < .infinity { parts.append("upper=\(formatNumber(upper))") }
        parts.append("n_warmup_steps=\(nWarmupSteps)")
        parts.append("interval_steps=\(intervalSteps)")
        return "threshold:" + parts.joined(separator: ",")
    }
}
