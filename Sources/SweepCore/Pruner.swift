/// Decides, after a report, whether a running trial should stop.
///
/// Pruners are pure: they read the trial's progress and the study's index and return a decision.
/// State they need later (a rung reached, a resource estimated) comes back in the decision as
/// attributes, which the study writes to storage; the next decision reads them from the index or
/// the trial's progress.
public protocol Pruner: Sendable {
    func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision
    /// Whether `decide` reads the study's index. A pruner that does not (`nop`, a fixed threshold)
    /// lets `shouldPrune` skip bringing the index up to date, so a worker never reads the other
    /// trials' curves for it.
    var readsStudy: Bool { get }
}

extension Pruner {
    public var readsStudy: Bool { true }
}

/// A pruner's answer.
public struct PruneDecision: Sendable, Hashable {
    /// Stop the trial now.
    public var prune: Bool
    /// Why, for the trial's log (optional).
    public var reason: String?
    /// System attributes to record on the trial.
    public var trialAttributes: [String: JSONValue]
    /// System attributes to record on the study.
    public var studyAttributes: [String: JSONValue]
    /// Notes for the trial's research log (a judge's reasoning, an answer it could not read).
    public var notes: [String]
    /// Configurations the judge proposes to try next; the study enqueues them.
    public var suggestions: [[String: ParamValue]]

    public init(
        prune: Bool, reason: String? = nil, trialAttributes: [String: JSONValue] = [:],
        studyAttributes: [String: JSONValue] = [:], notes: [String] = [], suggestions: [[String: ParamValue]] = []
    ) {
        self.prune = prune
        self.reason = reason
        self.trialAttributes = trialAttributes
        self.studyAttributes = studyAttributes
        self.notes = notes
        self.suggestions = suggestions
    }

    /// Keep going, nothing to record.
    public static let keepGoing = PruneDecision(prune: false)
    /// Stop, nothing to record.
    public static let stop = PruneDecision(prune: true)
}

/// A running trial as a pruner sees it: its objective curve so far and its system attributes.
public struct TrialProgress: Sendable, Hashable {
    public let number: Int
    public private(set) var curve: MetricCurve
    /// The standard error of the objective's mean at each step, when the trial reports one (seed
    /// repeats write it as `<objective>[se]`, `standardErrorName(of:)`); empty otherwise.
    public private(set) var standardError: MetricCurve
    public var systemAttributes: [String: JSONValue]
    public let params: [String: ParamValue]
    /// Largest non-NaN value reported so far (NaN when none).
    public private(set) var maxValue = Double.nan
    /// Smallest non-NaN value reported so far (NaN when none).
    public private(set) var minValue = Double.nan

    public init(
        number: Int, curve: MetricCurve = MetricCurve(), systemAttributes: [String: JSONValue] = [:],
        params: [String: ParamValue] = [:], standardError: MetricCurve = MetricCurve()
    ) {
        self.number = number
        self.curve = MetricCurve()
        self.standardError = standardError
        self.systemAttributes = systemAttributes
        self.params = params
        for (s, v) in zip(curve.steps, curve.values) { record(step: s, value: v) }
    }

    /// The metric that carries a metric's standard error over seed repeats: `M[se]`.
    public static func standardErrorName(of metric: String) -> String { "\(metric)[se]" }

    /// The standard error of the mean at `step`, nil when the trial reported none there.
    public func standardError(at step: Int) -> Double? { standardError.value(at: step) }

    /// The largest step reported (Optuna's `last_step`).
    public var lastStep: Int? { curve.lastStep }

    /// The best value reported so far in a direction, ignoring NaN (NaN when every value is NaN),
    /// like numpy's `nanmax`/`nanmin`.
    public func best(_ direction: Direction) -> Double {
        direction == .maximize ? maxValue : minValue
    }

    /// Records a report; returns false when the step was already reported.
    @discardableResult
    public mutating func record(step: Int, value: Double) -> Bool {
        guard curve.record(step: step, value: value) else { return false }
        if !value.isNaN {
            if maxValue.isNaN || value > maxValue { maxValue = value }
            if minValue.isNaN || value < minValue { minValue = value }
        }
        return true
    }

    /// Records the objective's standard error at a step (the first value at a step is kept).
    public mutating func recordStandardError(step: Int, value: Double) {
        _ = standardError.record(step: step, value: value)
    }
}
