import Foundation

/// A trial that ran elsewhere, brought in whole (`Storage.importTrials`): its parameters, every
/// curve, and how it ended. A curve dataset (`sweep import curves`) or another tool's study
/// becomes finished trials this way, numbered after the study's last.
public struct FinishedTrialDraft: Sendable, Hashable {
    public var params: [String: ParamValue]
    public var distributions: [String: Distribution]
    /// Complete, pruned or failed.
    public var state: TrialState
    public var value: Double?
    public var metrics: [String: MetricCurve]
    public var userAttributes: [String: JSONValue]
    public var started: Date?
    public var finished: Date

    public init(
        params: [String: ParamValue] = [:], distributions: [String: Distribution] = [:], state: TrialState,
        value: Double?, metrics: [String: MetricCurve] = [:], userAttributes: [String: JSONValue] = [:],
        started: Date? = nil, finished: Date = Date()
    ) {
        self.params = params
        self.distributions = distributions
        self.state = state
        self.value = value
        self.metrics = metrics
        self.userAttributes = userAttributes
        self.started = started
        self.finished = finished
    }

    /// Its reports as steps, in step order, every metric of a step together.
    public var steps: [StepReport] {
        var byStep: [Int: [String: Double]] = [:]
        for (name, curve) in metrics {
            for (step, value) in zip(curve.steps, curve.values) { byStep[step, default: [:]][name] = value }
        }
        return byStep.keys.sorted().map { StepReport(step: $0, metrics: byStep[$0]!) }
    }
}

extension FinishedTrialDraft {
    /// Throws `invalidArgument` naming the first draft that is not complete, pruned or failed.
    public static func checkStates(_ drafts: [FinishedTrialDraft]) throws(SweepError) {
        if let (i, draft) = drafts.enumerated().first(where: { !$0.element.state.isFinished }) {
            throw .invalidArgument("imported trial \(i) is \(draft.state.rawValue); a trial comes in complete, pruned or failed")
        }
    }
}
