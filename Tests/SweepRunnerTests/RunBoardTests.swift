import Foundation
import SweepCore
import SweepPruners
import SweepTesting
import Testing

@testable import SweepRunner

/// The rule for starting another trial: never more than the target, counting trials that run in
/// other processes on the same storage; and progress that counts the whole study.
@Suite struct RunBoardTests {
    static func study(_ storage: any Storage) throws -> (Study, Study) {
        let config = StudyConfig(name: "s", sampler: "none", pruner: "nop")
        let here = try Study.create(config, storage: storage, sampler: NoParameters(), pruner: NopPruner())
        let elsewhere = try Study.load(named: "s", storage: storage, sampler: NoParameters(), pruner: NopPruner())
        return (here, elsewhere)
    }

    @Test func trialsRunningElsewhereCountTowardsTheTarget() throws {
        let storage = InMemoryStorage()
        let (here, elsewhere) = try Self.study(storage)
        let board = RunBoard(target: 3, heartbeatTimeout: nil, observer: here, started: Date())
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

    @Test func anExhaustedSamplerEndsTheRunWithoutATrial() throws {
        let storage = InMemoryStorage()
        let space = SearchSpace([.init(name: "x", distribution: .float(try FloatDistribution(low: 0, high: 1)))])
        let config = StudyConfig(name: "s", sampler: "none", pruner: "nop", space: space)
        let study = try Study.create(config, storage: storage, sampler: Exhausted(), pruner: NopPruner())
        let board = RunBoard(target: 3, heartbeatTimeout: nil, observer: study, started: Date())
        guard case .exhausted = try board.claim(study: study) else {
            Issue.record("a sampler with nothing left ends the worker")
            return
        }
        #expect(try storage.trialCount(study: study.record.id) == 0, "no failed trial with empty parameters")
    }

    @Test func progressOfAResumedRunCountsTheWholeStudy() throws {
        let storage = InMemoryStorage()
        let (here, elsewhere) = try Self.study(storage)
        for _ in 0..<10 { _ = try elsewhere.tell(trial: try elsewhere.ask().number, state: .complete, value: 1) }
        let board = RunBoard(target: 12, heartbeatTimeout: nil, observer: here, started: Date().addingTimeInterval(-4))
        #expect(board.progress().done == 10, "the trials of the earlier run count")
        #expect(board.progress().estimatedRemaining == nil, "no pace before a trial of this run ends")
        while case .trial(let trial) = try board.claim(study: here) {
            _ = try here.tell(trial: trial.number, state: .complete, value: 2)
            board.finished(try storage.trial(id: trial.id))
        }
        let last = board.progress()
        #expect(last.done == 12 && last.total == 12)
        #expect(last.estimatedRemaining == 0)
        #expect(!last.line.contains("left"), "nothing is left at the end: \(last.line)")
        #expect(last.line.hasPrefix("12/12 done (12 complete, 0 pruned, 0 failed)"))
    }
}

/// A sampler whose space has no point left.
private struct Exhausted: Sampler {
    func sample(_ space: SearchSpace, trialNumber: Int, seed: UInt64, study: StudyIndex) throws -> [String: ParamValue] {
        throw SweepError.samplerExhausted("no point left")
    }
}
