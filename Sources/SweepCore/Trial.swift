import Foundation

/// One evaluation of the objective: its parameters, what it reported, and how it ended.
public struct Trial: Sendable, Hashable, Codable {
    /// The storage's identifier, unique across studies.
    public var id: Int64
    /// The trial's number within its study: 0, 1, 2, … with no gaps and no duplicates.
    public var number: Int
    public var state: TrialState
    /// Parameter values by name.
    public var params: [String: ParamValue]
    /// The distribution each parameter was drawn from.
    public var distributions: [String: Distribution]
    /// The final objective value (complete trials, and pruned ones with a last report).
    public var value: Double?
    /// Reported curves by metric name; the study's objective metric is one of them.
    public var metrics: [String: MetricCurve]
    public var userAttributes: [String: JSONValue]
    /// Attributes that samplers and pruners keep (for example the rungs a trial reached).
    public var systemAttributes: [String: JSONValue]
    public var notes: [Note]
    public var started: Date?
    public var finished: Date?
    /// The last heartbeat (or report) of a running trial, on the storage's clock.
    public var heartbeat: Date?
    /// Seconds of silence after which any worker may fail the trial as dead; nil: never.
    public var heartbeatTimeout: Double?

    public init(
        id: Int64, number: Int, state: TrialState, params: [String: ParamValue] = [:],
        distributions: [String: Distribution] = [:], value: Double? = nil, metrics: [String: MetricCurve] = [:],
        userAttributes: [String: JSONValue] = [:], systemAttributes: [String: JSONValue] = [:],
        notes: [Note] = [], started: Date? = nil, finished: Date? = nil, heartbeat: Date? = nil,
        heartbeatTimeout: Double? = nil
    ) {
        self.id = id
        self.number = number
        self.state = state
        self.params = params
        self.distributions = distributions
        self.value = value
        self.metrics = metrics
        self.userAttributes = userAttributes
        self.systemAttributes = systemAttributes
        self.notes = notes
        self.started = started
        self.finished = finished
        self.heartbeat = heartbeat
        self.heartbeatTimeout = heartbeatTimeout
    }

    /// The curve of one metric, empty when it never reported.
    public func curve(_ metric: String) -> MetricCurve { metrics[metric] ?? MetricCurve() }
}

/// A timestamped free-text note on a study or a trial: the research log.
public struct Note: Sendable, Hashable, Codable {
    public var time: Date
    public var text: String
    public init(time: Date, text: String) {
        self.time = time
        self.text = text
    }
}

/// How a trial ended, as `Study.tell` recorded it.
public struct TrialEnd: Sendable, Hashable {
    /// The trial's storage id.
    public var id: Int64
    public var number: Int
    /// The final state: `tell(.complete)` with a NaN value ends `failed`.
    public var state: TrialState
    /// The stored value: a pruned trial's last reported value, nil for most failed trials.
    public var value: Double?

    public init(id: Int64, number: Int, state: TrialState, value: Double?) {
        self.id = id
        self.number = number
        self.state = state
        self.value = value
    }
}
