import Foundation
import SweepCore
import SweepCurves

/// Prunes a trial only when even an optimistic reading of its smoothed curve is below what the
/// study's winners were at the same step: a noise-aware percentile rule (Sweep's own judge).
///
/// The rule, checked after each report at the trial's largest step `s`: once `n_startup_trials`
/// trials (and at least one) are complete, from step `n_warmup_steps` on, at the first report of
/// every `interval_steps` window, and once the trial has `min_points` finite values:
/// - with `m` the mean of its last `window` values, `n` how many were averaged and `σ` the noise
///   level of its last `max(20, 4 · window)` values (`Smoothing.noiseLevel`), its bound is
///   `m + k · σ / √n` (for a minimized objective `m − k · σ / √n`);
/// - the threshold is the least strict of the peers' `percentile` (as in `PercentilePruner`: 25
///   keeps the best quarter) of the complete trials' values, averaged over the trial's last
///   `window` steps (the index's per-step order statistics), and, when `top > 0`, the worst
///   trailing mean at `s` among the winners: the complete trials with the best final values, the
///   best `top` percent of them but at least `top_min`, as kept in the winners' book
///   (`SmoothedWinners`; how good the trials that ended well were at this point);
/// - the trial is pruned when its bound is worse than the threshold, unless `m + spread · σ`
///   reaches the best final value so far (a noisy trial's last report may still win).
/// With `project=true` a trial is also pruned when an optimistic straight-line projection of its
/// recent values cannot reach the best final value (see `projectionShortfall`; off by default:
/// reinforcement-learning curves jump).
///
/// Ties at an optimum (`ceiling`, default 3): when at least `ceiling` winners ended exactly at the
/// best final value and no winner ever reported anything better at any step, that value looks like
/// the objective's ceiling (a return capped by the environment, a perfect score): a trial that never
/// reported better can at most tie it, and the best is already held, so it is pruned as soon as it
/// has `min_points` values (`ceiling=0` turns this off).
///
/// Seed repeats (`z`, default 0: off): a trial whose values are means over seeds carries their
/// standard errors (`TrialProgress.standardError`); with `z > 0` its bound widens by `z` times the
/// mean standard error over its last `window` steps, and so does `m + spread · σ`, so a mean whose
/// seeds disagree is given that much more benefit of the doubt. Without repeats nothing changes.
///
/// NaN: a trial whose every value so far is NaN, or whose last two values are NaN (diverged), is
/// pruned; other NaN values are skipped.
///
/// Spec: `smoothed:percentile=50,k=3,window=5,top=10,top_min=8,n_startup_trials=5,n_warmup_steps=0,
/// interval_steps=1,n_min_trials=1,min_points=3,spread=2,project=false,ceiling=3,z=0`. A decision reads
/// `window` per-step order statistics and the winners' book, so its cost does not grow with the
/// number of trials.
public struct SmoothedPruner: Pruner, CustomStringConvertible {
    /// In [0, 100]: 25 keeps the trials whose bound is within the best quarter of the peers.
    public let percentile: Double
    /// Width of the confidence bound in noise standard errors; at least 0.
    public let k: Double
    /// Number of trailing reports averaged; at least 1.
    public let window: Int
    /// When positive, never prune a trial that is as good, at the same step, as the worst of the
    /// complete trials whose final values are in the best `top` percent (the winners).
    public let top: Double
    /// The winners are at least this many complete trials (all of them when fewer); at least 1.
    public let topMin: Int
    public let nStartupTrials: Int
    public let nWarmupSteps: Int
    public let intervalSteps: Int
    public let nMinTrials: Int
    /// No decision before the trial has this many finite values; at least 1.
    public let minPoints: Int
    /// Never prune a trial whose smoothed value plus `spread` times its noise reaches the best
    /// final value so far (0 turns this off); at least 0.
    public let spread: Double
    /// Also prune a trial whose optimistic straight-line projection cannot reach the best final
    /// value (see `projectionShortfall`).
    public let project: Bool
    /// When at least this many winners end exactly at the best final value and no winner ever
    /// reported better, that value is taken for a ceiling (an optimum that can only be tied) and
    /// a trial that never reported better is pruned: the best is already held (0 turns this off).
    public let ceilingTies: Int
    /// Standard errors of a repeated trial's mean over seeds added to its bound; at least 0.
    public let z: Double

    /// The spec parameters it takes.
    public static let parameterNames = [
        "percentile", "k", "window", "top", "top_min", "n_startup_trials", "n_warmup_steps", "interval_steps", "n_min_trials",
        "min_points", "spread", "project", "ceiling", "z",
    ]

    /// Throws `SweepError.invalidArgument` naming a parameter out of range.
    public init(
        percentile: Double = 50, k: Double = 3, window: Int = 5, top: Double = 10, topMin: Int = 8, nStartupTrials: Int = 5,
        nWarmupSteps: Int = 0, intervalSteps: Int = 1, nMinTrials: Int = 1, minPoints: Int = 3, spread: Double = 2,
        project: Bool = false, ceilingTies: Int = 3, z: Double = 0
    ) throws(SweepError) {
        try require(percentile >= 0 && percentile <= 100, "percentile", "in [0, 100]", got: formatNumber(percentile))
        try require(k >= 0 && k.isFinite, "k", "a number >= 0", got: formatNumber(k))
        try require(window >= 1, "window", "an integer >= 1", got: window)
        try require(top >= 0 && top <= 100, "top", "in [0, 100]", got: formatNumber(top))
        try require(topMin >= 1, "top_min", "an integer >= 1", got: topMin)
        try require(nStartupTrials >= 0, "n_startup_trials", "an integer >= 0", got: nStartupTrials)
        try require(nWarmupSteps >= 0, "n_warmup_steps", "an integer >= 0", got: nWarmupSteps)
        try require(intervalSteps >= 1, "interval_steps", "an integer >= 1", got: intervalSteps)
        try require(nMinTrials >= 1, "n_min_trials", "an integer >= 1", got: nMinTrials)
        try require(minPoints >= 1, "min_points", "an integer >= 1", got: minPoints)
        try require(spread >= 0 && spread.isFinite, "spread", "a number >= 0", got: formatNumber(spread))
        try require(ceilingTies >= 0, "ceiling", "an integer >= 0", got: ceilingTies)
        try require(z >= 0 && z.isFinite, "z", "a number >= 0", got: formatNumber(z))
        self.z = z
        self.percentile = percentile
        self.k = k
        self.window = window
        self.top = top
        self.topMin = topMin
        self.nStartupTrials = nStartupTrials
        self.nWarmupSteps = nWarmupSteps
        self.intervalSteps = intervalSteps
        self.nMinTrials = nMinTrials
        self.minPoints = minPoints
        self.spread = spread
        self.project = project
        self.ceilingTies = ceilingTies
    }

    /// Reads a `smoothed:...` spec.
    public init(spec: Spec) throws(SweepError) {
        let d = try SmoothedPruner()
        let p = try PrunerParameters(spec, allowed: Self.parameterNames)
        let percentile = try p.double("percentile", default: d.percentile, in: 0...100)
        let k = try p.double("k", default: d.k, min: 0)
        let window = try p.int("window", default: d.window, min: 1)
        let top = try p.double("top", default: d.top, in: 0...100)
        let topMin = try p.int("top_min", default: d.topMin, min: 1)
        let startup = try p.int("n_startup_trials", default: d.nStartupTrials, min: 0)
        let warmup = try p.int("n_warmup_steps", default: d.nWarmupSteps, min: 0)
        let interval = try p.int("interval_steps", default: d.intervalSteps, min: 1)
        let minTrials = try p.int("n_min_trials", default: d.nMinTrials, min: 1)
        let minPoints = try p.int("min_points", default: d.minPoints, min: 1)
        let spread = try p.double("spread", default: d.spread, min: 0)
        var project = d.project
        if let text = spec.value("project") {
            guard text == "true" || text == "false" else { throw p.failure("project", "true or false", got: text) }
            project = text == "true"
        }
        let ceiling = try p.int("ceiling", default: d.ceilingTies, min: 0)
        let z = try p.double("z", default: d.z, min: 0)
        self = try p.build { () throws(SweepError) in
            try SmoothedPruner(
                percentile: percentile, k: k, window: window, top: top, topMin: topMin, nStartupTrials: startup, nWarmupSteps: warmup,
                intervalSteps: interval, nMinTrials: minTrials, minPoints: minPoints, spread: spread,
                project: project, ceilingTies: ceiling, z: z)
        }
    }

    public func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision {
        let completed = study.completedCount
        let book = SmoothedWinners(study, trial: trial)
        guard completed > 0, completed >= nStartupTrials, let step = trial.lastStep, step >= nWarmupSteps,
            isFirstReportInInterval(step, of: trial.curve, warmupSteps: nWarmupSteps, intervalSteps: intervalSteps)
        else { return book.attach(to: .keepGoing) }
        let direction = study.direction
        let (steps, values) = SmoothedValues.finitePrefix(trial.curve)
        if values.isEmpty { return book.attach(to: PruneDecision(prune: true, reason: Message.allNaN(step))) }
        if SmoothedValues.endsInNaN(trial.curve) {
            return book.attach(to: PruneDecision(prune: true, reason: Message.diverged(step)))
        }
        guard values.count >= minPoints else { return book.attach(to: .keepGoing) }
        if let cap = book.ceiling(ties: ceilingTies, direction: direction),
            !values.contains(where: { direction.isBetter($0, than: cap) })
        {
            return book.attach(to: PruneDecision(prune: true, reason: Message.ceiling(cap, ties: ceilingTies, step: step)))
        }

        let recent = values.suffix(window)
        let mean = recent.reduce(0, +) / Double(recent.count)
        let noise = SmoothedValues.localNoise(values.suffix(Swift.max(20, 4 * window)))
        let doubt = z > 0 ? z * Self.meanStandardError(trial, steps: steps.suffix(window)) : 0
        let margin = k * noise / Double(recent.count).squareRoot() + doubt
        let bound = SmoothedValues.oriented(mean, direction) + margin

        if project, let reason = projectionShortfall(
            steps: steps, values: values, mean: mean, margin: margin, noise: noise, study: study, step: step)
        {
            return book.attach(to: PruneDecision(prune: true, reason: reason))
        }

        guard study.statistics(atStep: step).reported >= nMinTrials,
            var threshold = SmoothedValues.peerThreshold(study, steps: steps.suffix(window), percentile: percentile)
        else { return book.attach(to: .keepGoing) }
        if top > 0, let envelope = SmoothedValues.winnersEnvelope(
            book, completed: completed, atStep: step, window: window, direction: direction, top: top, minimum: topMin)
        {
            threshold = Swift.min(threshold, envelope)
        }
        guard bound < threshold else { return book.attach(to: .keepGoing) }
        // A noisy trial whose next report could, by its noise alone, beat the best final value
        // so far may still end best: the last report is what counts.
        if spread > 0, let best = study.bestTrial?.value, best.isFinite,
            SmoothedValues.oriented(mean, direction) + spread * noise + doubt >= SmoothedValues.oriented(best, direction)
        {
            return book.attach(to: .keepGoing)
        }
        let shown = SmoothedValues.oriented(threshold, direction)
        let shownBound = SmoothedValues.oriented(bound, direction)
        return book.attach(to: PruneDecision(
            prune: true,
            reason: "smoothed value \(shortNumber(mean)) ± \(shortNumber(margin)) (noise \(shortNumber(noise)), "
                + "\(recent.count) reports"
                + (doubt > 0 ? "; \(formatNumber(z)) standard errors of the mean over seeds, \(shortNumber(doubt))" : "")
                + ") at step \(step): its bound \(shortNumber(shownBound)) is worse than the "
                + "threshold \(shortNumber(shown)) of \(study.statistics(atStep: step).reported) complete trials"))
    }

    /// The projection rule: with `b` the slope of a least-squares line through the last
    /// `max(2 · window, n / 4)` values and `se` its standard error, the trial can reach at most
    /// `m + k · σ/√n + max(0, b + k · se) · (steps left) + spread · σ` by the largest last step of
    /// the complete trials (learning curves decelerate, so this overestimates); the reason to prune
    /// when that is short of the best final value, nil otherwise.
    func projectionShortfall(
        steps: [Int], values: [Double], mean: Double, margin: Double, noise: Double, study: StudyIndex, step: Int
    ) -> String? {
        let direction = study.direction
        guard let best = study.bestTrial?.value, best.isFinite, let horizon = study.maxCompletedLastStep, step < horizon
        else { return nil }
        let count = Swift.max(2 * window, values.count / 4)
        guard values.count >= Swift.max(count, 4) else { return nil }
        let xs = steps.suffix(count).map(Double.init)
        let ys = values.suffix(count).map { SmoothedValues.oriented($0, direction) }
        let n = Double(xs.count)
        let mx = xs.reduce(0, +) / n
        let my = ys.reduce(0, +) / n
        var sxx = 0.0
        var sxy = 0.0
        for (x, y) in zip(xs, ys) {
            sxx += (x - mx) * (x - mx)
            sxy += (x - mx) * (y - my)
        }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        var rss = 0.0
        for (x, y) in zip(xs, ys) {
            let r = y - my - slope * (x - mx)
            rss += r * r
        }
        let se = (rss / Swift.max(1, n - 2) / sxx).squareRoot()
        let rise = Swift.max(0, slope + k * se)
        let left = Double(horizon - step) + Double(Swift.min(window, values.count) - 1) / 2
        let reach = SmoothedValues.oriented(mean, direction) + margin + rise * left + spread * noise
        let target = SmoothedValues.oriented(best, direction)
        guard reach < target else { return nil }
        return "smoothed value \(shortNumber(mean)) at step \(step), improving by at most \(shortNumber(rise)) a step, "
            + "reaches at most \(shortNumber(SmoothedValues.oriented(reach, direction))) by step \(horizon): "
            + "short of the best final value \(shortNumber(best))"
    }

    /// The mean of the finite standard errors the trial reported at `steps` (0 when none).
    static func meanStandardError(_ trial: TrialProgress, steps: ArraySlice<Int>) -> Double {
        let errors = steps.compactMap { trial.standardError(at: $0) }.filter { $0.isFinite && $0 >= 0 }
        return errors.isEmpty ? 0 : errors.reduce(0, +) / Double(errors.count)
    }

    public var description: String {
        "smoothed:percentile=\(formatNumber(percentile)),k=\(formatNumber(k)),window=\(window),top=\(formatNumber(top)),"
            + "top_min=\(topMin),"
            + "n_startup_trials=\(nStartupTrials),n_warmup_steps=\(nWarmupSteps),interval_steps=\(intervalSteps),"
            + "n_min_trials=\(nMinTrials),min_points=\(minPoints),spread=\(formatNumber(spread)),project=\(project),"
            + "ceiling=\(ceilingTies)" + (z > 0 ? ",z=\(formatNumber(z))" : "")
    }

    enum Message {
        static func allNaN(_ step: Int) -> String { "every value reported up to step \(step) is NaN" }
        static func ceiling(_ cap: Double, ties: Int, step: Int) -> String {
            "at step \(step): the best final value \(shortNumber(cap)) looks like a ceiling (at least \(ties) complete "
                + "trials ended exactly there and none ever reported better): this trial can at most tie it"
        }
        static func diverged(_ step: Int) -> String { "the last two values reported up to step \(step) are NaN (diverged)" }
    }
}
