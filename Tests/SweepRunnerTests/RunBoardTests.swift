import Foundation
import SweepCore
import SweepPruners
import SweepTesting
import Testing

@testable import SweepRunner

/// The rule for starting another trial: never more than the target, counting trials that run in
/// other processes on the same storage, without listing the running trials far from the target.
@Suite struct RunBoardTests {
    @Test func trialsRunningElsewhereCountTowardsTheTarget() throws {
        let storage = InMemoryStorage()
        let config = StudyConfig(name: "s", sampler: "none", pruner: "nop")
        let here = try Study.create(config, storage: storage, sampler: NoParameters(), pruner: NopPruner())
        let elsewhere = try Study.load(named: "s", storage: storage, sampler: NoParameters(), pruner: NopPruner())
        let board = RunBoard(target: 3, started: Date())
        let other = [try elsewhere.ask(), try elsewhere.ask()]
        guard case .trial(let mine) = try board.claim(study: here) else {
            Issue.record("2 running elsewhere, target 3: one more may start")
            return
        }
        guard case .wait = try board.claim(study: here) else {
            Issue.record("3 running: wait for the other process's trials, which may still fail")
            return
        }
        for t in other { _ = try elsewhere.tell(trial: t.number, state: TrialState.complete, value: 1) }
        _ = try here.tell(trial: mine.number, state: .complete, value: 1)
        board.finished(try storage.trial(id: mine.id))
        guard case .done = try board.claim(study: here) else {
            Issue.record("3 finished: done")
            return
        }
        #expect(try storage.trialCount(study: here.record.id) == 3)
    }

    @Test func farFromTheTargetTheRunningTrialsAreNotListed() throws {
        let storage = RecordingStorage(base: InMemoryStorage())
        let config = StudyConfig(name: "s", sampler: "none", pruner: "nop")
        let study = try Study.create(config, storage: storage, sampler: NoParameters(), pruner: NopPruner())
        let board = RunBoard(target: 50, started: Date())
        var started = 0
        while case .trial(let trial) = try board.claim(study: study) {
            _ = try study.tell(trial: trial.number, state: .complete, value: 1)
            board.finished(try storage.trial(id: trial.id))
            started += 1
        }
        #expect(started == 50)
        let listings = storage.reads.filter { $0 == "trials(states: running)" }.count
        #expect(listings == 1, "listed only to decide the last trial, not for each of the 50")
    }
}
