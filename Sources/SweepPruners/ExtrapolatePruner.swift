import Foundation
import SweepCore
import SweepCurves

/// Prunes a trial when its extrapolated final value is unlikely to beat the best (Sweep's own
/// judge, after Domhan et al. 2015).
///
/// The rule, checked after a report at the trial's largest step `s`: once `n_startup_trials`
/// trials (and at least one) are complete, from step `n_warmup_steps` on, at the first report of
/// every `interval_steps` window, when the trial's number of finite values `n` is a checkpoint
/// (`min_points`, then each count at least `1 + growth` times the previous one; `growth=0` checks
/// every time) and `s` is before the final step `horizon` (`auto`: the largest last step of the
/// complete trials):
/// 1. The target is the best complete trial's final value (`beat=best`) or the value the best
///    `beat` percent of the complete trials' finals reach (`beat=10`).
/// 2. The trial goes on without a fit when the mean of its last 5 values plus two noise standard
///    errors is better than the target, or (with `top > 0`) better than the worst of the winners
///    at step `s` (the trailing means of the complete trials with the best `top` percent of final
///    values, at least `top_min` of them; see `SmoothedPruner`).
/// 3. The ensemble of learning-curve families (`CurveFitter`, `CurveEnsemble` with `temperature`)
///    is fitted to the latest `tail` fraction of its values and predicts the curve's mean at the
///    horizon with a standard deviation (within and between families); the final value is one
///    report, so the trial's recent noise is added.
/// 4. Calibration (`calibrate` > 0): the same prediction is made from the first `n` values of the
///    `calibrate` best complete trials; the largest amount by which it fell short of their real
///    final values is added to the trial's prediction (learning curves often keep improving
///    longer than the families expect).
/// 5. The trial is pruned when the probability that its final value is strictly better than the
///    target is below `p_threshold`. The reason gives the prediction:
///    `predicted final 0.61 ± 0.04 at step 199 from 40 reports; P(beat best 0.83) = 0.002`.
///
/// Before any of this, at every report once the trial has `min_points` values: when at least
/// `ceiling` winners ended exactly at the best final value and no winner ever reported better, a
/// trial that never reported better can at most tie that ceiling, and is pruned (see
/// `SmoothedPruner`; `ceiling=0` turns this off).
///
/// NaN: a trial whose every value so far is NaN, or whose last two values are NaN (diverged), is
/// pruned; other NaN values are skipped.
///
/// Spec: `extrapolate:p_threshold=0.05,horizon=auto,beat=best,n_startup_trials=5,n_warmup_steps=0,
/// interval_steps=1,min_points=5,growth=0.25,temperature=1,calibrate=3,top=10,top_min=5,tail=1,ceiling=3`.
/// The defaults (`growth=0.25`, `top_min=5`, `ceiling=3`) were chosen on the real-curve corpus
/// (`Benchmarks/corpus`) replayed in 20 orders with `--seed 2`, one setting for every study.
/// Fits are cheap (under a millisecond for the whole ensemble of a binned prefix) and the
/// calibration fits of complete trials are cached (`ExtrapolationCache`).
public struct ExtrapolatePruner: Pruner, CustomStringConvertible {
    /// What the final value is compared with.
    public enum Target: Sendable, Hashable, CustomStringConvertible {
        /// The best complete trial's final value.
        case best
        /// The value the best `q` percent of the complete trials' finals reach.
        case top(Double)

        public var description: String {
            switch self {
            case .best: return "best"
            case .top(let q): return formatNumber(q)
            }
        }
    }

    /// Prune below this probability of beating the target; in [0, 1].
    public let pThreshold: Double
    /// The final step to predict; nil: the largest last step of the complete trials.
    public let horizon: Int?
    public let target: Target
    public let nStartupTrials: Int
    public let nWarmupSteps: Int
    public let intervalSteps: Int
    /// Values needed before the first fit; at least 4.
    public let minPoints: Int
    /// Relative growth of the number of values between fits; at least 0.
    public let growth: Double
    /// Temperature of the ensemble weights (see `CurveEnsemble`); above 0.
    public let temperature: Double
    /// Number of best complete trials whose prefixes calibrate the prediction; 0 turns it off.
    public let calibrate: Int
    /// When positive, a trial as good at its step as the worst of the winners (the complete trials
    /// with the best `top` percent of finals, at least `top_min`) were then is not fitted: it goes on.
    public let top: Double
    public let topMin: Int
    /// The fraction of the prefix fitted (its latest values), in (0, 1]; RL curves start with
    /// transients that say little about where they end.
    public let tail: Double
    /// When at least this many winners end exactly at the best final value and no winner ever
    /// reported better, a trial that never reported better is pruned (see `SmoothedPruner`); 0: off.
    public let ceilingTies: Int
    static let fitter = CurveFitter()

    /// The spec parameters it takes.
    public static let parameterNames = [
        "p_threshold", "horizon", "beat", "n_startup_trials", "n_warmup_steps", "interval_steps", "min_points", "growth",
        "temperature", "calibrate", "top", "top_min", "tail", "ceiling",
    ]

    /// Throws `SweepError.invalidArgument` naming a parameter out of range.
    public init(
        pThreshold: Double = 0.05, horizon: Int? = nil, target: Target = .best, nStartupTrials: Int = 5,
        nWarmupSteps: Int = 0, intervalSteps: Int = 1, minPoints: Int = 5, growth: Double = 0.25, temperature: Double = 1,
        calibrate: Int = 3, top: Double = 10, topMin: Int = 5, tail: Double = 1, ceilingTies: Int = 3
    ) throws(SweepError) {
        try require(pThreshold >= 0 && pThreshold <= 1, "p_threshold", "in [0, 1]", got: formatNumber(pThreshold))
        if let horizon { try require(horizon >= 1, "horizon", "'auto' or an integer >= 1", got: horizon) }
        if case .top(let q) = target {
            try require(q > 0 && q <= 100, "beat", "'best' or a percentage in (0, 100]", got: formatNumber(q))
        }
        try require(nStartupTrials >= 0, "n_startup_trials", "an integer >= 0", got: nStartupTrials)
        try require(nWarmupSteps >= 0, "n_warmup_steps", "an integer >= 0", got: nWarmupSteps)
        try require(intervalSteps >= 1, "interval_steps", "an integer >= 1", got: intervalSteps)
        try require(minPoints >= 4, "min_points", "an integer >= 4", got: minPoints)
        try require(growth >= 0 && growth.isFinite, "growth", "a number >= 0", got: formatNumber(growth))
        try require(temperature > 0 && temperature.isFinite, "temperature", "a number > 0", got: formatNumber(temperature))
        try require(calibrate >= 0, "calibrate", "an integer >= 0", got: calibrate)
        try require(top >= 0 && top <= 100, "top", "in [0, 100]", got: formatNumber(top))
        try require(topMin >= 1, "top_min", "an integer >= 1", got: topMin)
        try require(tail > 0 && tail <= 1, "tail", "in (0, 1]", got: formatNumber(tail))
        try require(ceilingTies >= 0, "ceiling", "an integer >= 0", got: ceilingTies)
        self.pThreshold = pThreshold
        self.horizon = horizon
        self.target = target
        self.nStartupTrials = nStartupTrials
        self.nWarmupSteps = nWarmupSteps
        self.intervalSteps = intervalSteps
        self.minPoints = minPoints
        self.growth = growth
        self.temperature = temperature
        self.calibrate = calibrate
        self.top = top
        self.topMin = topMin
        self.tail = tail
        self.ceilingTies = ceilingTies
    }

    /// Reads an `extrapolate:...` spec.
    public init(spec: Spec) throws(SweepError) {
        let d = try ExtrapolatePruner()
        let p = try PrunerParameters(spec, allowed: Self.parameterNames)
        let threshold = try p.double("p_threshold", default: d.pThreshold, in: 0...1)
        let horizon = try p.intOrAuto("horizon", default: nil, min: 1)
        var target = Target.best
        if let text = spec.value("beat"), text != "best" {
            guard let q = Double(text), q > 0, q <= 100 else {
                throw p.failure("beat", "'best' or a percentage in (0, 100]", got: text)
            }
            target = .top(q)
        }
        let startup = try p.int("n_startup_trials", default: d.nStartupTrials, min: 0)
        let warmup = try p.int("n_warmup_steps", default: d.nWarmupSteps, min: 0)
        let interval = try p.int("interval_steps", default: d.intervalSteps, min: 1)
        let minPoints = try p.int("min_points", default: d.minPoints, min: 4)
        let growth = try p.double("growth", default: d.growth, min: 0)
        let temperature = try p.double("temperature", default: d.temperature, min: 1e-6)
        let calibrate = try p.int("calibrate", default: d.calibrate, min: 0)
        let top = try p.double("top", default: d.top, in: 0...100)
        let topMin = try p.int("top_min", default: d.topMin, min: 1)
        let tail = try p.double("tail", default: d.tail, in: 0...1)
        let ceiling = try p.int("ceiling", default: d.ceilingTies, min: 0)
        self = try p.build { () throws(SweepError) in
            try ExtrapolatePruner(
                pThreshold: threshold, horizon: horizon, target: target, nStartupTrials: startup, nWarmupSteps: warmup,
                intervalSteps: interval, minPoints: minPoints, growth: growth, temperature: temperature, calibrate: calibrate,
                top: top, topMin: topMin, tail: tail, ceilingTies: ceiling)
        }
    }

    /// Whether `n` values is a checkpoint: `min_points`, then each count at least `1 + growth`
    /// times the previous checkpoint.
    func isCheckpoint(_ n: Int) -> Bool {
        guard n >= minPoints else { return false }
        guard growth > 0 else { return true }
        var c = minPoints
        while c < n { c = Swift.max(c + 1, Int((Double(c) * (1 + growth)).rounded(.up))) }
        return c == n
    }

    public func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision {
        let completed = study.completedCount
        let book = SmoothedWinners(study, trial: trial)
        guard completed > 0, completed >= nStartupTrials, let step = trial.lastStep, step >= nWarmupSteps,
            isFirstReportInInterval(step, of: trial.curve, warmupSteps: nWarmupSteps, intervalSteps: intervalSteps)
        else { return book.attach(to: .keepGoing) }
        let direction = study.direction
        let (steps, values) = SmoothedValues.finitePrefix(trial.curve)
        if values.isEmpty {
            return book.attach(to: PruneDecision(prune: true, reason: SmoothedPruner.Message.allNaN(step)))
        }
        if SmoothedValues.endsInNaN(trial.curve) {
            return book.attach(to: PruneDecision(prune: true, reason: SmoothedPruner.Message.diverged(step)))
        }
        if values.count >= minPoints, let cap = book.ceiling(ties: ceilingTies, direction: direction),
            !values.contains(where: { direction.isBetter($0, than: cap) })
        {
            return book.attach(
                to: PruneDecision(prune: true, reason: SmoothedPruner.Message.ceiling(cap, ties: ceilingTies, step: step)))
        }
        guard isCheckpoint(values.count), let final = horizon ?? study.maxCompletedLastStep, step < final,
            let goal = targetValue(study, horizon: final)
        else { return book.attach(to: .keepGoing) }
        let orientedGoal = SmoothedValues.oriented(goal, direction)

        let recent = values.suffix(5)
        let mean = recent.reduce(0, +) / Double(recent.count)
        let noise = SmoothedValues.localNoise(values.suffix(20))
        let optimistic = SmoothedValues.oriented(mean, direction) + 2 * noise / Double(recent.count).squareRoot()
        // A trial that can at best tie the target goes on to the fit, which then says so.
        guard optimistic <= orientedGoal else { return book.attach(to: .keepGoing) }
        if top > 0, let envelope = SmoothedValues.winnersEnvelope(
            book, completed: completed, atStep: step, window: 5, direction: direction, top: top, minimum: topMin),
            optimistic > envelope
        {
            return book.attach(to: .keepGoing)
        }

        guard let prediction = predict(steps: steps, values: values, horizon: final) else {
            return book.attach(to: .keepGoing)
        }
        // The final value is one report: the curve's predicted mean, its uncertainty, and the
        // trial's recent noise.
        let sd = (prediction.sd * prediction.sd + noise * noise).squareRoot()
        let bias = calibration(book, direction: direction, count: values.count, horizon: final)
        let gap = orientedGoal - SmoothedValues.oriented(prediction.mean, direction) - bias
        // "Beat" is strict: a curve predicted exactly, at the target, can only tie it.
        let exact = sd <= 1e-9 * Swift.max(1, Swift.abs(goal))
        let probability = exact ? (gap < 0 ? 1 : 0) : 0.5 * erfc(gap / (sd * 2.0.squareRoot()))
        guard probability < pThreshold else { return book.attach(to: .keepGoing) }
        let what = target == .best ? "best" : "top \(target)% of finals"
        return book.attach(
            to: PruneDecision(
                prune: true,
                reason: "predicted final \(shortNumber(prediction.mean)) ± \(shortNumber(sd)) at step \(final) "
                    + "from \(values.count) reports; P(beat \(what) \(shortNumber(goal))) = \(shortNumber(probability))"))
    }

    /// How much the same extrapolation, from the same number of values, underestimated the final
    /// values of the `calibrate` best winners in the book (oriented, at least 0): the largest
    /// shortfall.
    func calibration(_ book: SmoothedWinners, direction: Direction, count: Int, horizon: Int) -> Double {
        guard calibrate > 0 else { return 0 }
        var shortfall = 0.0
        for w in book.top(calibrate) {
            let (steps, values) = SmoothedValues.finitePrefix(w.curve)
            guard values.count > count else { continue }
            let prefix = Array(values.prefix(count))
            let key = ExtrapolationCache.Key(
                values: prefix, steps: Array(steps.prefix(count)), horizon: horizon, temperature: temperature, tail: tail,
                minPoints: minPoints)
            let mean: Double?
            if let cached = ExtrapolationCache.shared.value(key) {
                mean = cached
            } else {
                mean = predict(steps: key.steps, values: prefix, horizon: horizon)?.mean
                ExtrapolationCache.shared.store(key, mean)
            }
            guard let mean else { continue }
            shortfall = Swift.max(
                shortfall, SmoothedValues.oriented(w.final, direction) - SmoothedValues.oriented(mean, direction))
        }
        return shortfall
    }

    /// The ensemble's prediction at `horizon` from the last `tail` fraction of a prefix (at least
    /// `min_points` values).
    func predict(steps: [Int], values: [Double], horizon: Int) -> CurvePrediction? {
        let keep = Swift.min(values.count, Swift.max(minPoints, Int((Double(values.count) * tail).rounded(.up))))
        let ensemble = Self.fitter.ensemble(
            steps: steps.suffix(keep).map(Double.init), values: Array(values.suffix(keep)), temperature: temperature)
        return ensemble.prediction(atStep: Double(horizon))
    }

    /// The value to beat, nil when no complete trial has a finite final value. For `.top(q)` the
    /// finals are the values the complete trials reported at the horizon (the index's order
    /// statistics at that step).
    func targetValue(_ study: StudyIndex, horizon: Int) -> Double? {
        switch target {
        case .best:
            return study.bestTrial?.value
        case .top(let q):
            let values = study.statistics(atStep: horizon).values
            let p = study.direction == .maximize ? 100 - q : q
            return values.percentile(p)
        }
    }

    public var description: String {
        "extrapolate:p_threshold=\(formatNumber(pThreshold)),horizon=\(horizon.map(String.init) ?? "auto"),beat=\(target),"
            + "n_startup_trials=\(nStartupTrials),n_warmup_steps=\(nWarmupSteps),interval_steps=\(intervalSteps),"
            + "min_points=\(minPoints),growth=\(formatNumber(growth)),temperature=\(formatNumber(temperature)),"
            + "calibrate=\(calibrate),top=\(formatNumber(top)),top_min=\(topMin),tail=\(formatNumber(tail)),"
            + "ceiling=\(ceilingTies)"
    }
}
