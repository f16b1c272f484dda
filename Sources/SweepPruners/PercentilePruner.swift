import SweepCore

/// Keeps the trials whose best value so far is within the top `percentile` of the complete trials
/// at the same step (Optuna's `PercentilePruner`).
///
/// The rule, checked after each report at the trial's largest step `s`: once at least
/// `n_startup_trials` trials (and at least one) are complete, from step `n_warmup_steps` on, at the
/// first report of every `interval_steps` window, prune when the trial's best value so far is worse
/// than the `percentile`-th percentile (numpy's linear interpolation; for a maximized objective the
/// `100 - percentile`-th) of the values the complete trials reported at step `s`.
///
/// NaN: a trial whose every value so far is NaN is pruned; NaN values of other trials are ignored
/// (numpy's `nanpercentile`), though they count towards `n_min_trials`; no decision when fewer than
/// `n_min_trials` complete trials reported step `s` or all of their values are NaN.
///
/// Spec: `percentile:percentile=25,n_startup_trials=5,n_warmup_steps=0,interval_steps=1,n_min_trials=1`
/// (`percentile` is required). The cost of a decision does not grow with the number of trials: it
/// reads the index's per-step order statistics.
public struct PercentilePruner: Pruner, CustomStringConvertible {
    /// In [0, 100]: 25 keeps the best quarter.
    public let percentile: Double
    /// No pruning until this many trials are complete.
    public let nStartupTrials: Int
    /// No pruning before this step.
    public let nWarmupSteps: Int
    /// Steps between pruning checks, counted from `nWarmupSteps`; at least 1.
    public let intervalSteps: Int
    /// No pruning at a step fewer complete trials reported; at least 1.
    public let nMinTrials: Int
    /// What the reasons call the threshold: "median" for `MedianPruner`, empty for "<q>th percentile".
    let label: String

    /// The spec parameters it takes (Optuna's argument names).
    public static let parameterNames = ["percentile", "n_startup_trials", "n_warmup_steps", "interval_steps", "n_min_trials"]

    /// Optuna's defaults; throws `SweepError.invalidArgument` naming a parameter out of range.
    public init(
        percentile: Double, nStartupTrials: Int = 5, nWarmupSteps: Int = 0, intervalSteps: Int = 1, nMinTrials: Int = 1
    ) throws(SweepError) {
        try require(percentile >= 0 && percentile <= 100, "percentile", "in [0, 100]", got: formatNumber(percentile))
        try require(nStartupTrials >= 0, "n_startup_trials", "an integer >= 0", got: nStartupTrials)
        try require(nWarmupSteps >= 0, "n_warmup_steps", "an integer >= 0", got: nWarmupSteps)
        try require(intervalSteps >= 1, "interval_steps", "an integer >= 1", got: intervalSteps)
        try require(nMinTrials >= 1, "n_min_trials", "an integer >= 1", got: nMinTrials)
        self.percentile = percentile
        self.nStartupTrials = nStartupTrials
        self.nWarmupSteps = nWarmupSteps
        self.intervalSteps = intervalSteps
        self.nMinTrials = nMinTrials
        self.label = ""
    }

    /// Reads a `percentile:...` spec.
    public init(spec: Spec) throws(SweepError) {
        let p = try PrunerParameters(spec, allowed: Self.parameterNames)
        let percentile = try p.requiredDouble("percentile", in: 0...100)
        let startup = try p.int("n_startup_trials", default: 5, min: 0)
        let warmup = try p.int("n_warmup_steps", default: 0, min: 0)
        let interval = try p.int("interval_steps", default: 1, min: 1)
        let minTrials = try p.int("n_min_trials", default: 1, min: 1)
        self = try p.build { () throws(SweepError) in
            try PercentilePruner(
                percentile: percentile, nStartupTrials: startup, nWarmupSteps: warmup, intervalSteps: interval,
                nMinTrials: minTrials)
        }
    }

    init(median nStartupTrials: Int, _ nWarmupSteps: Int, _ intervalSteps: Int, _ nMinTrials: Int) throws(SweepError) {
        try self.init(
            percentile: 50, nStartupTrials: nStartupTrials, nWarmupSteps: nWarmupSteps, intervalSteps: intervalSteps,
            nMinTrials: nMinTrials)
        self = PercentilePruner(copying: self, label: "median")
    }

    private init(copying other: PercentilePruner, label: String) {
        percentile = other.percentile
        nStartupTrials = other.nStartupTrials
        nWarmupSteps = other.nWarmupSteps
        intervalSteps = other.intervalSteps
        nMinTrials = other.nMinTrials
        self.label = label
    }

    public func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision {
        let completed = study.completedCount
        guard completed > 0, completed >= nStartupTrials, let step = trial.lastStep, step >= nWarmupSteps,
            isFirstReportInInterval(step, of: trial.curve, warmupSteps: nWarmupSteps, intervalSteps: intervalSteps)
        else { return .keepGoing }

        let direction = study.direction
        let best = trial.best(direction)
        if best.isNaN {
            return PruneDecision(prune: true, reason: "every value reported up to step \(step) is NaN")
        }
        let statistics = study.statistics(atStep: step)
        guard statistics.reported >= nMinTrials else { return .keepGoing }
        let q = direction == .maximize ? 100 - percentile : percentile
        guard let threshold = statistics.values.percentile(q), !threshold.isNaN else { return .keepGoing }
        guard direction.isBetter(threshold, than: best) else { return .keepGoing }
        let name = label.isEmpty ? "\(formatNumber(q))th percentile" : label
        return PruneDecision(
            prune: true,
            reason: "best value \(best) up to step \(step) is worse than the \(name) \(threshold) of \(statistics.reported) complete trials at that step")
    }

    public var description: String {
        "percentile:percentile=\(formatNumber(percentile)),n_startup_trials=\(nStartupTrials),"
            + "n_warmup_steps=\(nWarmupSteps),interval_steps=\(intervalSteps),n_min_trials=\(nMinTrials)"
    }
}
