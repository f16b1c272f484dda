import Foundation

/// A storage that passes every call to `base` unless it implements the call itself: for
/// wrappers that watch, break or time a few calls (test doubles, benchmarks). A new `Storage`
/// requirement gets its forward here, once.
public protocol ForwardingStorage: Storage {
    /// The storage that does the work.
    var base: any Storage { get }
}

extension ForwardingStorage {
    public func createStudy(_ config: StudyConfig) throws -> StudyRecord { try base.createStudy(config) }
    public func study(named name: String) throws -> StudyRecord { try base.study(named: name) }
    public func studies() throws -> [StudySummary] { try base.studies() }
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
    public func trial(id: Int64) throws -> Trial { try base.trial(id: id) }
    public func trial(study: Int64, number: Int) throws -> Trial { try base.trial(study: study, number: number) }
    public func trials(study: Int64, states: Set<TrialState>?) throws -> [Trial] {
        try base.trials(study: study, states: states)
    }
    public func trialCount(study: Int64) throws -> Int { try base.trialCount(study: study) }
    public func changes(study: Int64, after cursor: Int64) throws -> StudyChanges {
        try base.changes(study: study, after: cursor)
    }
    public func claimTrial(study: Int64, request: ClaimRequest, draw: TrialDraw) throws -> TrialClaim {
        try base.claimTrial(study: study, request: request, draw: draw)
    }
    public func beat(trials: [Int64]) throws { try base.beat(trials: trials) }
    public func reapStaleTrials(study: Int64, replacement: Replacement) throws -> [FailedTrial] {
        try base.reapStaleTrials(study: study, replacement: replacement)
    }
    public func failTrial(trial: Int64, reason: String, replacement: Replacement, finished: Date) throws -> FailedTrial? {
        try base.failTrial(trial: trial, reason: reason, replacement: replacement, finished: finished)
    }
    public func deleteStudy(_ study: Int64) throws { try base.deleteStudy(study) }
    public func renameStudy(_ study: Int64, to newName: String) throws { try base.renameStudy(study, to: newName) }
}
