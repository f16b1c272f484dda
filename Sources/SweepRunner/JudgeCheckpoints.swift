import SweepCore
import SweepPruners

/// When a judge that is slow to ask (a program, a person) is consulted: after `nStartupTrials`
/// trials completed, at the first report at or after each checkpoint `nWarmupSteps + k ·
/// intervalSteps` (Optuna's rule for its pruners' intervals).
struct JudgeCheckpoints: Equatable {
    var nStartupTrials: Int
    var nWarmupSteps: Int
    var intervalSteps: Int

    /// Reads `n_startup_trials`, `n_warmup_steps` and `interval_steps` from a spec.
    init(_ reader: SpecReader, intervalDefault: Int) throws(SweepError) {
        nStartupTrials = try reader.int("n_startup_trials", default: 0, min: 0)
        nWarmupSteps = try reader.int("n_warmup_steps", default: 0, min: 0)
        intervalSteps = try reader.int("interval_steps", default: intervalDefault, min: 1)
    }

    static let specKeys = ["n_startup_trials", "n_warmup_steps", "interval_steps"]

    /// Whether the trial's latest report is a checkpoint.
    func isCheckpoint(_ trial: TrialProgress, completed: Int) -> Bool {
        guard completed >= nStartupTrials, let step = trial.lastStep, step >= nWarmupSteps else { return false }
        return isFirstReportInInterval(step, of: trial.curve, warmupSteps: nWarmupSteps, intervalSteps: intervalSteps)
    }
}
