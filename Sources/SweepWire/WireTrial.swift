import Foundation
import SweepCore

/// A trial as Sweep prints it: number, state, parameters, value, times, seed; its curves as
/// `[step, value]` pairs when asked for.
public struct WireTrial: Encodable, Sendable {
    public var number: Int
    public var state: String
    public var params: [String: ParamValue]
    public var value: Double?
    public var lastStep: Int?
    public var metrics: [String: [[Double]]]?
    public var userAttributes: [String: JSONValue]
    public var notes: [String]
    public var started: Date?
    public var finished: Date?
    /// Seconds from start to finish.
    public var duration: Double?
    public var seed: UInt64

    enum CodingKeys: String, CodingKey {
        case number, state, params, value, metrics, notes, started, finished, duration, seed
        case lastStep = "last_step"
        case userAttributes = "user_attrs"
    }

    public init(_ trial: Trial, study: Study, withCurves: Bool = false) {
        self.init(trial, record: study.record, withCurves: withCurves)
    }

    /// The trial of the study `record` describes (its objective and seed come from there).
    public init(_ trial: Trial, record: StudyRecord, withCurves: Bool = false) {
        number = trial.number
        state = trial.state.rawValue
        params = trial.params
        value = trial.value
        lastStep = trial.curve(record.config.objective).lastStep
        metrics = withCurves ? trial.metrics.mapValues { c in c.sortedPairs.map { [Double($0.step), $0.value] } } : nil
        userAttributes = trial.userAttributes
        notes = trial.notes.map(\.text)
        started = trial.started
        finished = trial.finished
        if let started = trial.started, let finished = trial.finished { duration = finished.timeIntervalSince(started) }
        seed = record.config.trialSeed(trial.number)
    }
}

/// A trial with everything stored about it (`sweep show N`): its engine attributes too.
public struct WireTrialDetail: Encodable, Sendable {
    public var base: WireTrial
    public var systemAttributes: [String: JSONValue]

    public init(_ trial: Trial, study: Study) {
        self.init(trial, record: study.record)
    }

    public init(_ trial: Trial, record: StudyRecord) {
        base = WireTrial(trial, record: record, withCurves: true)
        systemAttributes = trial.systemAttributes
    }

    enum CodingKeys: String, CodingKey { case systemAttributes = "system_attrs" }

    public func encode(to encoder: any Encoder) throws {
        try base.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(systemAttributes, forKey: .systemAttributes)
    }
}

/// A started trial (`sweep ask`): its number, parameters and seed.
public struct WireAsk: Encodable, Sendable {
    public var number: Int
    public var params: [String: ParamValue]
    public var seed: UInt64

    public init(number: Int, params: [String: ParamValue], seed: UInt64) {
        self.number = number
        self.params = params
        self.seed = seed
    }
}

/// A pruning answer (`sweep report`, `sweep should-prune`): `prune` or `continue`.
public struct WireDecision: Encodable, Sendable {
    public var trial: Int
    public var step: Int?
    public var decision: String

    public init(trial: Int, step: Int?, prune: Bool) {
        self.trial = trial
        self.step = step
        decision = prune ? "prune" : "continue"
    }
}
