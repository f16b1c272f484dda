import Foundation
import SweepCore
import SweepPruners
import SweepTesting
import Testing

@testable import SweepRunner

/// The rule for starting another trial: never more than the target, counting trials that run in
/// other processes on the same storage; and progress that counts the whole study.
@Suite struct RunBoardTests {
    static func study(_ storage: any Storage) async throws -> (Study, Study) {
        let config = StudyConfig(name: "s", sampler: "none", pruner: "nop")
        let here = try await Study.create(config, storage: storage, sampler: NoParameters(), pruner: NopPruner())
        let elsewhere = try await Study.load(named: "s", storage: storage, sampler: NoParameters(), pruner: NopPruner())
        return (here, elsewhere)
    }

    @Test func trialsRunningElsewhereCountTowardsTheTarget() async throws {
        let storage = InMemoryStorage()
        let (here, elsewhere) = try await Self.study(storage)
        let board = RunBoard(target: 3, heartbeatTimeout: nil, storage: storage, study: here.record, started: Date())
        let other = [try await elsewhere.ask(), try await elsewhere.ask()]
        guard case .trial(let mine) = try await board.claim(study: here) else {
            Issue.record("2 running elsewhere, target 3: one more may start")
            return
        }
        guard case .wait = try await board.claim(study: here) else {
            Issue.record("3 running: wait for the other process's trials, which may still fail")
            return
        }
        for t in other { _ = try await elsewhere.tell(trial: t.number, state: TrialState.complete, value: 1) }
        _ = try await here.tell(trial: mine.number, state: .complete, value: 1)
        await board.finished(mine.id)
        guard case .done = try await board.claim(study: here) else {
            Issue.record("3 finished: done")
            return
        }
        #expect(try storage.trialCount(study: here.record.id) == 3)
    }

    @Test func anExhaustedSamplerEndsTheRunWithoutATrial() async throws {
        let storage = InMemoryStorage()
        let space = SearchSpace([.init(name: "x", distribution: .float(try FloatDistribution(low: 0, high: 1)))])
        let config = StudyConfig(name: "s", sampler: "none", pruner: "nop", space: space)
        let study = try await Study.create(config, storage: storage, sampler: Exhausted(), pruner: NopPruner())
        let board = RunBoard(target: 3, heartbeatTimeout: nil, storage: storage, study: study.record, started: Date())
        guard case .exhausted = try await board.claim(study: study) else {
            Issue.record("a sampler with nothing left ends the worker")
            return
        }
        #expect(try storage.trialCount(study: study.record.id) == 0, "no failed trial with empty parameters")
    }

    @Test func progressOfAResumedRunCountsTheWholeStudy() async throws {
        let storage = InMemoryStorage()
        let (here, elsewhere) = try await Self.study(storage)
        for _ in 0..<10 { _ = try await elsewhere.tell(trial: try elsewhere.ask().number, state: .complete, value: 1) }
        let board = RunBoard(target: 12, heartbeatTimeout: nil, storage: storage, study: here.record, started: Date().addingTimeInterval(-4))
        #expect(await board.progress().done == 10, "the trials of the earlier run count")
        #expect(await board.progress().estimatedRemaining == nil, "no pace before a trial of this run ends")
        while case .trial(let trial) = try await board.claim(study: here) {
            _ = try await here.tell(trial: trial.number, state: .complete, value: 2)
            await board.finished(trial.id)
        }
        let last = await board.progress()
        #expect(last.done == 12 && last.total == 12)
        #expect(last.estimatedRemaining == 0)
        #expect(!last.line.contains("left"), "nothing is left at the end: \(last.line)")
        #expect(last.line.hasPrefix("12/12 done (12 complete, 0 pruned, 0 failed)"))
    }

    /// After a kill and a re-run the live line and the summary agree: failures that were replaced
    /// are counted as failed, said to be replaced, and left out of the target's count.
    @Test func replacedFailuresAreCountedAlikeInProgressAndSummary() async throws {
        let storage = InMemoryStorage()
        let (here, _) = try await Self.study(storage)
        let board = RunBoard(target: 12, heartbeatTimeout: nil, storage: storage, study: here.record, started: Date())
        var failed = 0
        while case .trial(let trial) = try await board.claim(study: here) {
            if failed < 3 {
                // As a reaper fails a killed worker's trial: failed, and another runs in its place.
                _ = try storage.failTrial(
                    trial: trial.id, reason: "no heartbeat", replacement: Replacement(retries: 0, always: true), finished: Date())
                failed += 1
            } else {
                _ = try await here.tell(trial: trial.number, state: .complete, value: 1)
            }
            await board.finished(trial.id)
        }
        let last = await board.progress()
        #expect(last.done == 12 && last.failed == 3 && last.replaced == 3)
        #expect(last.line.hasPrefix("12/12 done (12 complete, 0 pruned, 3 failed (3 replaced))"), "\(last.line)")
        let summary = try await RunSummary(study: here, elapsed: 1)
        #expect(summary.replaced == 3)
        #expect(summary.lines.first == "study 's': 12 complete, 3 failed (3 replaced) in 1.0 s", "\(summary.lines)")
    }
}

/// A sampler whose space has no point left.
private struct Exhausted: Sampler {
    func sample(_ space: SearchSpace, trialNumber: Int, seed: UInt64, study: StudyIndex) throws -> [String: ParamValue] {
        throw SweepError.samplerExhausted("no point left")
    }
}
