import Foundation
import SweepCore
import SweepTesting
import Synchronization
import Testing

/// The conformance suite catches storages that break a rule: each broken storage below fails the
/// check that guards its rule.
@Suite struct StorageConformanceMutationTests {
    @Test(arguments: [
        (Fault.reportAlwaysRecords, "report.metrics"),
        (Fault.feedIgnoresCursor, "feed.cursor"),
        (Fault.finishedTrialsTakeReports, "trial.frozen"),
        (Fault.numbersFromOne, "trial.numbers"),
        (Fault.dropsSomeReports, "concurrency.trials"),
        (Fault.studiesNewestFirst, "studies.summaries"),
        (Fault.feedDropsAttributes, "feed.attributes"),
        (Fault.olderSnapshotReplaces, "snapshot.store"),
        (Fault.snapshotCursorBehind, "snapshot.study"),
        (Fault.reapIgnoresSparing, "liveness.spared"),
        (Fault.lastAnswerWins, "judging.firstAnswer"),
        (Fault.labelsAnyTrial, "judging.labels"),
    ])
    func brokenStorageFails(_ fault: Fault, _ check: String) async throws {
        await withKnownIssue("\(fault.rawValue) breaks \(check)") {
            try await StorageConformance.run(check) { BrokenStorage(fault) }
        }
    }
}

enum Fault: String, Sendable {
    case reportAlwaysRecords, feedIgnoresCursor, finishedTrialsTakeReports, numbersFromOne, dropsSomeReports
    case studiesNewestFirst, feedDropsAttributes, olderSnapshotReplaces, snapshotCursorBehind
    case reapIgnoresSparing, lastAnswerWins, labelsAnyTrial
}

/// `InMemoryStorage` with one rule broken.
final class BrokenStorage: Storage {
    let base = InMemoryStorage()
    let fault: Fault
    let reports = Mutex(0)
    let answers = Mutex<[Int64: Checkpoint]>([:])

    init(_ fault: Fault) { self.fault = fault }

    func createStudy(_ config: StudyConfig) async throws -> StudyRecord { try base.createStudy(config) }
    func study(named name: String) async throws -> StudyRecord { try base.study(named: name) }
    func studies() async throws -> [StudySummary] {
        let all = try base.studies()
        return fault == .studiesNewestFirst ? all.reversed() : all
    }
    func setStudyAttribute(study: Int64, key: String, value: JSONValue, system: Bool) async throws {
        try base.setStudyAttribute(study: study, key: key, value: value, system: system)
    }
    func addStudyNote(study: Int64, note: Note) async throws { try base.addStudyNote(study: study, note: note) }
    func createTrial(study: Int64, draft: TrialDraft) async throws -> Trial {
        var trial = try base.createTrial(study: study, draft: draft)
        if fault == .numbersFromOne { trial.number += 1 }
        return trial
    }
    func setParams(trial: Int64, params: [String: ParamValue], distributions: [String: Distribution]) async throws {
        try base.setParams(trial: trial, params: params, distributions: distributions)
    }
    func report(trial: Int64, step: Int, metrics: [String: Double]) async throws -> Bool {
        if fault == .dropsSomeReports, reports.withLock({ n in n += 1; return n == 50 }) { return true }
        do {
            let recorded = try base.report(trial: trial, step: step, metrics: metrics)
            return fault == .reportAlwaysRecords ? true : recorded
        } catch SweepError.trialFinished where fault == .finishedTrialsTakeReports {
            return true
        }
    }
    func setTrialAttribute(trial: Int64, key: String, value: JSONValue, system: Bool) async throws {
        try base.setTrialAttribute(trial: trial, key: key, value: value, system: system)
    }
    func addTrialNote(trial: Int64, note: Note) async throws { try base.addTrialNote(trial: trial, note: note) }
    func finishTrial(trial: Int64, state: TrialState, value: Double?, finished: Date) async throws -> Trial {
        try base.finishTrial(trial: trial, state: state, value: value, finished: finished)
    }
    func trial(id: Int64) async throws -> Trial { try base.trial(id: id) }
    func trial(study: Int64, number: Int) async throws -> Trial { try base.trial(study: study, number: number) }
    func trials(study: Int64, states: Set<TrialState>?) async throws -> [Trial] { try base.trials(study: study, states: states) }
    func trialCount(study: Int64) async throws -> Int { try base.trialCount(study: study) }
    func claimTrial(study: Int64, request: ClaimRequest, draw: TrialDraw) async throws -> TrialClaim {
        guard case .claimed(var trial) = try base.claimTrial(study: study, request: request, draw: draw) else {
            return try base.claimTrial(study: study, request: request, draw: draw)
        }
        if fault == .numbersFromOne { trial.number += 1 }
        return .claimed(trial)
    }
    func beat(trials: [Int64]) async throws { try base.beat(trials: trials) }
    func reapStaleTrials(study: Int64, replacement: Replacement, sparing: [Int64]) async throws -> [FailedTrial] {
        try base.reapStaleTrials(study: study, replacement: replacement, sparing: fault == .reapIgnoresSparing ? [] : sparing)
    }
    func failTrial(trial: Int64, reason: String, replacement: Replacement, finished: Date) async throws -> FailedTrial? {
        try base.failTrial(trial: trial, reason: reason, replacement: replacement, finished: finished)
    }
    func deleteStudy(_ study: Int64) async throws {
        try base.deleteStudy(study)
        snapshots.withLock { $0[study] = nil }
    }
    func renameStudy(_ study: Int64, to newName: String) async throws { try base.renameStudy(study, to: newName) }
    func openCheckpoint(trial: Int64, step: Int, brief: String, timeout: Double) async throws -> Checkpoint {
        try base.openCheckpoint(trial: trial, step: step, brief: brief, timeout: timeout)
    }
    func checkpoint(id: Int64) async throws -> Checkpoint {
        fault == .lastAnswerWins ? try answers.withLock { $0[id] } ?? base.checkpoint(id: id) : try base.checkpoint(id: id)
    }
    func checkpoints(study: Int64, openOnly: Bool) async throws -> [Checkpoint] { try base.checkpoints(study: study, openOnly: openOnly) }
    func answerCheckpoint(id: Int64, answer: CheckpointAnswer) async throws -> Checkpoint {
        let stored = try base.answerCheckpoint(id: id, answer: answer)
        guard fault == .lastAnswerWins else { return stored }
        var overwritten = stored
        overwritten.answer = answer
        answers.withLock { $0[id] = overwritten }
        return overwritten
    }
    func addLabel(study: Int64, label: PairLabel) async throws -> PairLabel {
        guard fault == .labelsAnyTrial else { return try base.addLabel(study: study, label: label) }
        return PairLabel(id: 1, first: label.first, second: label.second, choice: label.choice, by: label.by, time: Date())
    }
    func labels(study: Int64) async throws -> [PairLabel] { try base.labels(study: study) }
    /// Snapshots kept here rather than in `base`, so that a fault can replace a newer one.
    let snapshots = Mutex<[Int64: IndexSnapshot]>([:])

    func indexSnapshot(study: Int64) async throws -> IndexSnapshot? {
        _ = try base.trialCount(study: study)  // throws for an unknown study
        guard var snapshot = snapshots.withLock({ $0[study] }) else { return nil }
        if fault == .snapshotCursorBehind { snapshot.cursor -= 1 }
        return snapshot
    }
    func storeIndexSnapshot(study: Int64, _ snapshot: IndexSnapshot) async throws {
        _ = try base.trialCount(study: study)
        snapshots.withLock { stored in
            if fault != .olderSnapshotReplaces, let old = stored[study], old.cursor >= snapshot.cursor { return }
            stored[study] = snapshot
        }
    }
    func indexSnapshotCursor(study: Int64) async throws -> Int64? { try await indexSnapshot(study: study)?.cursor }
    var keepsIndexSnapshots: Bool { true }
    func changes(study: Int64, after cursor: Int64) async throws -> StudyChanges {
        var changes = try base.changes(study: study, after: fault == .feedIgnoresCursor ? 0 : cursor)
        if fault == .feedDropsAttributes { changes.trialAttributes.removeAll() }
        return changes
    }
}
