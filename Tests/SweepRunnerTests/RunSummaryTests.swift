import Foundation
import SweepCore
import SweepRunner
import Testing

/// The summary names why trials failed, and tells a broken run from one whose trials were pruned.
@Suite struct RunSummaryTests {
    func study(failing: Int, pruned: Int = 0) async throws -> Study {
        let study = try await StudyOpener.create(StudyConfig(name: "s", sampler: "random", pruner: "nop"), storage: InMemoryStorage())
        for i in 0..<failing {
            let trial = try await study.ask()
            try await study.storage.setTrialAttribute(
                trial: trial.id, key: "fail_reason", value: .string("exit code 3: bad flag \(i)"), system: true)
            try await study.tell(trial: trial.number, state: .failed)
        }
        for _ in 0..<pruned { try await study.tell(trial: try await study.ask().number, state: .pruned) }
        return study
    }

    @Test func theFirstThreeFailuresAreNamedWithTheirTrials() async throws {
        let summary = try await RunSummary(study: try study(failing: 5), elapsed: 1)
        #expect(summary.failures.map(\.number) == [0, 1, 2])
        #expect(summary.failures.first?.reason == "exit code 3: bad flag 0")
        #expect(summary.failedWithoutResult)
        #expect(summary.lines.contains("5 failed (the first 3):"))
        #expect(summary.lines.contains("  trial 2: exit code 3: bad flag 2"))
        #expect(!summary.lines.contains { $0.contains("trial 3:") })
    }

    @Test func aStudyWhoseTrialsWereAllPrunedIsNotAFailedRun() async throws {
        let summary = try await RunSummary(study: try study(failing: 0, pruned: 2), elapsed: 1)
        #expect(!summary.failedWithoutResult)
        #expect(summary.failures.isEmpty)
    }
}
