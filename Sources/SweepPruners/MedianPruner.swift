import SweepCore

/// Prunes a trial whose best value so far is worse than the median of the complete trials' values
/// at the same step (Optuna's `MedianPruner`, the median stopping rule).
///
/// The rule is `PercentilePruner`'s with `percentile=50`: once `n_startup_trials` trials are
/// complete, from step `n_warmup_steps` on, at the first report of every `interval_steps` window,
/// and when at least `n_min_trials` complete trials reported that step.
///
/// NaN: a trial whose every value so far is NaN is pruned; other trials' NaN values are ignored.
///
/// Spec: `median:n_startup_trials=5,n_warmup_steps=0,interval_steps=1,n_min_trials=1`.
public struct MedianPruner: Pruner, CustomStringConvertible {
    private let rule: PercentilePruner

    /// The spec parameters it takes (Optuna's argument names).
    public static let parameterNames = ["n_startup_trials", "n_warmup_steps", "interval_steps", "n_min_trials"]

    /// Optuna's defaults; throws `SweepError.invalidArgument` naming a parameter out of range.
    public init(nStartupTrials: Int = 5, nWarmupSteps: Int = 0, intervalSteps: Int = 1, nMinTrials: Int = 1) throws(SweepError) {
        rule = try PercentilePruner(median: nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials)
    }

    /// Reads a `median:...` spec.
    public init(spec: Spec) throws(SweepError) {
        let p = try PrunerParameters(spec, allowed: Self.parameterNames)
        let startup = try p.int("n_startup_trials", default: 5, min: 0)
        let warmup = try p.int("n_warmup_steps", default: 0, min: 0)
        let interval = try p.int("interval_steps", default: 1, min: 1)
        let minTrials = try p.int("n_min_trials", default: 1, min: 1)
        self = try p.build { () throws(SweepError) in
            try MedianPruner(nStartupTrials: startup, nWarmupSteps: warmup, intervalSteps: interval, nMinTrials: minTrials)
        }
    }

    public var nStartupTrials: Int { rule.nStartupTrials }
    public var nWarmupSteps: Int { rule.nWarmupSteps }
    public var intervalSteps: Int { rule.intervalSteps }
    public var nMinTrials: Int { rule.nMinTrials }

    public func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision {
        rule.decide(trial, in: study)
    }

    public var description: String {
        "median:n_startup_trials=\(nStartupTrials),n_warmup_steps=\(nWarmupSteps),"
            + "interval_steps=\(intervalSteps),n_min_trials=\(nMinTrials)"
    }
}
