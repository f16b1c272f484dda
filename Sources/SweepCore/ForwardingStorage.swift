import Foundation

/// A storage that passes every call to `base` unless it implements the call itself: for
/// wrappers that watch, break or time a few calls (test doubles, benchmarks). A new `Storage`
/// requirement gets its forward here, once. Requirements with a default made of others (a report
/// with the changes after it) are not forwarded, so they go through the wrapper's own calls.
public protocol ForwardingStorage: Storage {
    /// The storage that does the work.
    var base: any Storage { get }
}

extension ForwardingStorage {
    public func createStudy(_ config: StudyConfig) async throws -> StudyRecord { try await base.createStudy(config) }
    public func study(named name: String) async throws -> StudyRecord { try await base.study(named: name) }
    public func studies() async throws -> [StudySummary] { try await base.studies() }
    public func setStudyAttribute(study: Int64, key: String, value: JSONValue, system: Bool) async throws {
        try await base.setStudyAttribute(study: study, key: key, value: value, system: system)
    }
    public func addStudyNote(study: Int64, note: Note) async throws { try await base.addStudyNote(study: study, note: note) }
    public func createTrial(study: Int64, draft: TrialDraft) async throws -> Trial { try await base.createTrial(study: study, draft: draft) }
    public func setParams(trial: Int64, params: [String: ParamValue], distributions: [String: Distribution]) async throws {
        try await base.setParams(trial: trial, params: params, distributions: distributions)
    }
    public func report(trial: Int64, step: Int, metrics: [String: Double]) async throws -> Bool {
        try await base.report(trial: trial, step: step, metrics: metrics)
    }
    public func report(trial: Int64, step: Int, metric: String, value: Double) async throws -> Bool {
        try await base.report(trial: trial, step: step, metric: metric, value: value)
    }
    public func report(trial: Int64, steps: [StepReport]) async throws -> Int {
        try await base.report(trial: trial, steps: steps)
    }
    public func setTrialAttribute(trial: Int64, key: String, value: JSONValue, system: Bool) async throws {
        try await base.setTrialAttribute(trial: trial, key: key, value: value, system: system)
    }
    public func addTrialNote(trial: Int64, note: Note) async throws { try await base.addTrialNote(trial: trial, note: note) }
    public func finishTrial(trial: Int64, state: TrialState, value: Double?, finished: Date) async throws -> Trial {
        try await base.finishTrial(trial: trial, state: state, value: value, finished: finished)
    }
    public func endTrial(
        trial: Int64, state: TrialState, value: Double?, finished: Date, attributes: TrialEndAttributes
    ) async throws {
        try await base.endTrial(trial: trial, state: state, value: value, finished: finished, attributes: attributes)
    }
    public func importTrials(study: Int64, _ drafts: [FinishedTrialDraft]) async throws {
        try await base.importTrials(study: study, drafts)
    }
    public func trial(id: Int64) async throws -> Trial { try await base.trial(id: id) }
    public func trial(study: Int64, number: Int) async throws -> Trial { try await base.trial(study: study, number: number) }
    public func trials(study: Int64, states: Set<TrialState>?) async throws -> [Trial] {
        try await base.trials(study: study, states: states)
    }
    public func trials(study: Int64, states: Set<TrialState>?, curves: CurveSelection) async throws -> [Trial] {
        try await base.trials(study: study, states: states, curves: curves)
    }
    public func trials(ids: [Int64], curves: CurveSelection) async throws -> [Trial] {
        try await base.trials(ids: ids, curves: curves)
    }
    public func trialCount(study: Int64) async throws -> Int { try await base.trialCount(study: study) }
    public func bestTrial(study: Int64, direction: Direction) async throws -> Trial? {
        try await base.bestTrial(study: study, direction: direction)
    }
    public func changes(study: Int64, after cursor: Int64, curves: CurveSelection) async throws -> StudyChanges {
        try await base.changes(study: study, after: cursor, curves: curves)
    }
    public func changes(study: Int64, after cursor: Int64) async throws -> StudyChanges {
        try await base.changes(study: study, after: cursor)
    }
    public func indexSnapshot(study: Int64) async throws -> IndexSnapshot? { try await base.indexSnapshot(study: study) }
    public func storeIndexSnapshot(study: Int64, _ snapshot: IndexSnapshot) async throws {
        try await base.storeIndexSnapshot(study: study, snapshot)
    }
    public func indexSnapshotCursor(study: Int64) async throws -> Int64? { try await base.indexSnapshotCursor(study: study) }
    public var keepsIndexSnapshots: Bool { base.keepsIndexSnapshots }
    public func claimTrial(study: Int64, request: ClaimRequest, draw: TrialDraw) async throws -> TrialClaim {
        try await base.claimTrial(study: study, request: request, draw: draw)
    }
    public func beat(trials: [Int64]) async throws { try await base.beat(trials: trials) }
    public func reapStaleTrials(study: Int64, replacement: Replacement, sparing: [Int64]) async throws -> [FailedTrial] {
        try await base.reapStaleTrials(study: study, replacement: replacement, sparing: sparing)
    }
    public func failTrial(trial: Int64, reason: String, replacement: Replacement, finished: Date) async throws -> FailedTrial? {
        try await base.failTrial(trial: trial, reason: reason, replacement: replacement, finished: finished)
    }
    public func deleteStudy(_ study: Int64) async throws { try await base.deleteStudy(study) }
    public func renameStudy(_ study: Int64, to newName: String) async throws { try await base.renameStudy(study, to: newName) }
    public func openCheckpoint(trial: Int64, step: Int, brief: String, timeout: Double) async throws -> Checkpoint {
        try await base.openCheckpoint(trial: trial, step: step, brief: brief, timeout: timeout)
    }
    public func checkpoint(id: Int64) async throws -> Checkpoint { try await base.checkpoint(id: id) }
    public func checkpoints(study: Int64, openOnly: Bool) async throws -> [Checkpoint] {
        try await base.checkpoints(study: study, openOnly: openOnly)
    }
    public func answerCheckpoint(id: Int64, answer: CheckpointAnswer) async throws -> Checkpoint {
        try await base.answerCheckpoint(id: id, answer: answer)
    }
    public func addLabel(study: Int64, label: PairLabel) async throws -> PairLabel { try await base.addLabel(study: study, label: label) }
    public func labels(study: Int64) async throws -> [PairLabel] { try await base.labels(study: study) }
}
