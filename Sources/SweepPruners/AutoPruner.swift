import SweepCore

/// `auto`: Sweep's recommended judge. It stops a trial only when, at its latest step, even the
/// largest gain any complete trial of the study made from that step to its end would not bring it
/// to the best trial's value. The study's own finished curves say how much can still happen after
/// a step, so the judge is patient where curves bloom late (reinforcement learning) and quick
/// where they saturate early (supervised learning), with one setting.
///
/// The rule at step `t` (values oriented so that larger is better): with at least
/// `n_startup_trials` complete trials that reported step `t` and have a final value, and `t` at
/// least `n_warmup_steps`, prune when `value(t) + gain(t) < best`, where `gain(t)` is the
/// `quantile` of those trials' `final − value(t)` (1: the largest) and `best` is the best
/// complete trial's value. A trial whose last two reports are NaN has diverged and is pruned.
/// Gains come from the index's per-step statistics (`StepStatistics.gains`): a decision costs the
/// same at any study size.
///
/// With seed repeats the trial's value is a mean over seeds with a standard error `se(t)`
/// (`TrialProgress.standardError`). With `z > 0` the judge gives the trial the benefit of that
/// doubt: it prunes only when even `value(t) + z·se(t) + gain(t) < best`, so a mean just below the
/// bar with a wide error is kept and one with a narrow error is not. `z = 0` (the default), or a
/// trial without a standard error, is the rule above unchanged.
///
/// Spec: `auto:n_startup_trials=5,n_warmup_steps=0,quantile=1,z=0`.
public struct AutoPruner: Pruner, CustomStringConvertible {
    public let nStartupTrials: Int
    public let nWarmupSteps: Int
    /// Which of the complete trials' gains to allow: 1 the largest, 0.9 the 90th percentile.
    public let quantile: Double

    /// How much of the complete trials' spread of final values a trial may still cover in the rest
    /// of its run, in proportion to the steps left: the gain allowed is at least
    /// `prior × spread × (1 − step / longest complete run)`, whatever the observed gains say.
    public let prior: Double

    /// How many standard errors of a repeated trial's mean to add towards better before comparing
    /// (0: judge the mean alone).
    public let z: Double

    public static let parameterNames = ["n_startup_trials", "n_warmup_steps", "quantile", "prior", "z"]

    public init(
        nStartupTrials: Int = 5, nWarmupSteps: Int = 0, quantile: Double = 1, prior: Double = 0, z: Double = 0
    ) throws(SweepError) {
        try require(nStartupTrials >= 1, "n_startup_trials", "an integer >= 1", got: nStartupTrials)
        try require(nWarmupSteps >= 0, "n_warmup_steps", "an integer >= 0", got: nWarmupSteps)
        try require(quantile > 0 && quantile <= 1, "quantile", "in (0, 1]", got: formatNumber(quantile))
        self.nStartupTrials = nStartupTrials
        self.nWarmupSteps = nWarmupSteps
        self.quantile = quantile
        try require(prior >= 0 && prior.isFinite, "prior", "a number >= 0", got: formatNumber(prior))
        self.prior = prior
        try require(z >= 0 && z.isFinite, "z", "a number >= 0", got: formatNumber(z))
        self.z = z
    }

    /// Reads an `auto:...` spec.
    public init(spec: Spec) throws(SweepError) {
        let p = try PrunerParameters(spec, allowed: Self.parameterNames)
        let startup = try p.int("n_startup_trials", default: 5, min: 1)
        let warmup = try p.int("n_warmup_steps", default: 0, min: 0)
        let quantile = try p.double("quantile", default: 1, in: 0...1)
        let prior = try p.double("prior", default: 0, min: 0)
        let z = try p.double("z", default: 0, min: 0)
        self = try p.build { () throws(SweepError) in
            try AutoPruner(nStartupTrials: startup, nWarmupSteps: warmup, quantile: quantile, prior: prior, z: z)
        }
    }

    public func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision {
        let curve = trial.curve
        guard let step = curve.lastStep, step >= nWarmupSteps else { return .keepGoing }
        if SmoothedValues.endsInNaN(curve) {
            return PruneDecision(prune: true, reason: "its last reports are NaN: the trial diverged")
        }
        let statistics = study.statistics(atStep: step)
        guard statistics.gains.count >= nStartupTrials, let best = study.bestTrial, let bestValue = best.value,
            bestValue.isFinite, let value = curve.value(at: step), value.isFinite,
            let observed = quantile == 1 ? statistics.gains.max : statistics.gains.percentile(quantile * 100)
        else { return .keepGoing }
        var gain = observed
        if prior > 0, let longest = study.maxCompletedLastStep, longest > 0, let spread = study.finalSpread {
            gain = Swift.max(gain, prior * spread * Swift.max(0, 1 - Double(step) / Double(longest)))
        }
        let maximize = study.direction == .maximize
        // The benefit of the doubt a repeated trial's standard error gives (none without repeats).
        var doubt = 0.0
        if z > 0, let se = trial.standardError(at: step), se.isFinite, se > 0 { doubt = z * se }
        let reach = maximize ? value + doubt + gain : value - doubt - gain
        guard maximize ? reach < bestValue : reach > bestValue else { return .keepGoing }
        let name = study.objective
        let which = quantile == 1 ? "the largest gain" : "the \(formatNumber(quantile * 100))th percentile of the gains"
        return PruneDecision(
            prune: true,
            reason: "at step \(step) its \(name) is \(formatNumber(value, significantDigits: 4))"
                + (doubt > 0
                    ? " (mean over seeds; \(formatNumber(z)) standard errors of it, \(formatNumber(doubt, significantDigits: 4)), allowed for the uncertainty)"
                    : "")
                + "; with \(which) any of "
                + "\(statistics.gains.count) complete trials made from there to their end (\(formatNumber(gain, significantDigits: 4))) "
                + "it would reach \(formatNumber(reach, significantDigits: 4)), \(maximize ? "below" : "above") best trial "
                + "\(best.number)'s \(formatNumber(bestValue, significantDigits: 4))")
    }

    public var description: String {
        "auto:n_startup_trials=\(nStartupTrials),n_warmup_steps=\(nWarmupSteps),quantile=\(formatNumber(quantile))"
            + (z > 0 ? ",z=\(formatNumber(z))" : "")
    }
}
