import Foundation
import SweepCore
import Synchronization

/// A storage that forwards every call to another one and records which reads were made: for tests
/// that check how often a component reads the storage (a listing per trial makes a long study slow).
public final class RecordingStorage: Storage {
    public let base: any Storage
    private let log = Mutex<[String]>([])

    public init(base: any Storage) { self.base = base }

    /// The reads made so far, in order: `trials(states: running)`, `trialCount`, `changes`, ...
    public var reads: [String] { log.withLock { $0 } }

    private func record(_ call: String) { log.withLock { $0.append(call) } }

    public func createStudy(_ config: StudyConfig) throws -> StudyRecord { try base.createStudy(config) }
    public func study(named name: String) throws -> StudyRecord {
        record("study(named:)")
        return try base.study(named: name)
    }
    public func studies() throws -> [StudySummary] {
        record("studies")
        return try base.studies()
    }
    public func setStudyAttribute(study: Int64, key: String, value: JSONValue, system: Bool) throws {
        try base.setStudyAttribute(study: study, key: key, value: value, system: system)
    }
    public func addStudyNote(study: Int64, note: Note) throws { try base.addStudyNote(study: study, note: note) }
    public func createTrial(study: Int64, draft: TrialDraft) throws -> Trial { try base.createTrial(study: study, draft: draft) }
    public func createTrial(
        study: Int64, started: Date, draw: (Int) -> (params: [String: ParamValue], distributions: [String: Distribution])
    ) throws -> Trial {
        try base.createTrial(study: study, started: started, draw: draw)
    }
    public func claimWaitingTrial(study: Int64, started: Date) throws -> Trial? {
        try base.claimWaitingTrial(study: study, started: started)
    }
    public func setParams(trial: Int64, params: [String: ParamValue], distributions: [String: Distribution]) throws {
        try base.setParams(trial: trial, params: params, distributions: distributions)
    }
    public func report(trial: Int64, step: Int, metrics: [String: Double]) throws -> Bool {
        try base.report(trial: trial, step: step, metrics: metrics)
    }
    public func report(trial: Int64, step: Int, metric: String, value: Double) throws -> Bool {
        try base.report(trial: trial, step: step, metric: metric, value: value)
    }
    public func setTrialAttribute(trial: Int64, key: String, value: JSONValue, system: Bool) throws {
        try base.setTrialAttribute(trial: trial, key: key, value: value, system: system)
    }
    public func addTrialNote(trial: Int64, note: Note) throws { try base.addTrialNote(trial: trial, note: note) }
    public func finishTrial(trial: Int64, state: TrialState, value: Double?, finished: Date) throws -> Trial {
        try base.finishTrial(trial: trial, state: state, value: value, finished: finished)
    }
    public func endTrial(
        trial: Int64, state: TrialState, value: Double?, finished: Date, attributes: TrialEndAttributes
    ) throws {
        try base.endTrial(trial: trial, state: state, value: value, finished: finished, attributes: attributes)
    }
    public func trial(id: Int64) throws -> Trial {
        record("trial(id:)")
        return try base.trial(id: id)
    }
    public func trial(study: Int64, number: Int) throws -> Trial {
        record("trial(study:number:)")
        return try base.trial(study: study, number: number)
    }
    public func trials(study: Int64, states: Set<TrialState>?) throws -> [Trial] {
        let names = states.map { s in TrialState.allCases.filter(s.contains).map(\.rawValue).joined(separator: ",") }
        record("trials(states: \(names ?? "all"))")
        return try base.trials(study: study, states: states)
    }
    public func trialCount(study: Int64) throws -> Int {
        record("trialCount")
        return try base.trialCount(study: study)
    }
    public func changes(study: Int64, after cursor: Int64) throws -> StudyChanges {
        record("changes")
        return try base.changes(study: study, after: cursor)
    }
}
