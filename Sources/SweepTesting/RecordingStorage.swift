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

    public func study(named name: String) async throws -> StudyRecord {
        record("study(named:)")
        return try await base.study(named: name)
    }
    public func studies() async throws -> [StudySummary] {
        record("studies")
        return try await base.studies()
    }
    public func trial(id: Int64) async throws -> Trial {
        record("trial(id:)")
        return try await base.trial(id: id)
    }
    public func trial(study: Int64, number: Int) async throws -> Trial {
        record("trial(study:number:)")
        return try await base.trial(study: study, number: number)
    }
    public func trials(study: Int64, states: Set<TrialState>?) async throws -> [Trial] {
        let names = states.map { s in TrialState.allCases.filter(s.contains).map(\.rawValue).joined(separator: ",") }
        record("trials(states: \(names ?? "all"))")
        return try await base.trials(study: study, states: states)
    }
    public func trialCount(study: Int64) async throws -> Int {
        record("trialCount")
        return try await base.trialCount(study: study)
    }
    public func changes(study: Int64, after cursor: Int64) async throws -> StudyChanges {
        record("changes")
        return try await base.changes(study: study, after: cursor)
    }
    public func changes(study: Int64, after cursor: Int64, curves: CurveSelection) async throws -> StudyChanges {
        record("changes")
        return try await base.changes(study: study, after: cursor, curves: curves)
    }
}
