import Foundation
import SweepCore
import Synchronization

/// A storage that forwards every call to another one and records which reads were made: for tests
/// that check how often a component reads the storage (a listing per trial makes a long study slow).
public final class RecordingStorage: ForwardingStorage {
    public let base: any Storage
    private let log = Mutex<[String]>([])

    public init(base: any Storage) { self.base = base }

    /// The reads made so far, in order: `trials(states: running)`, `trialCount`, `changes`, ...
    public var reads: [String] { log.withLock { $0 } }

    private func record(_ call: String) { log.withLock { $0.append(call) } }

    public func study(named name: String) throws -> StudyRecord {
        record("study(named:)")
        return try base.study(named: name)
    }
    public func studies() throws -> [StudySummary] {
        record("studies")
        return try base.studies()
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
