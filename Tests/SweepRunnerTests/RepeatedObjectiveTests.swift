import Foundation
import SweepCore
import Synchronization
import Testing

@testable import SweepRunner

/// `RepeatedObjective` runs a trial's repetitions at once and reports their combination.
@Suite struct RepeatedObjectiveTests {
    /// Reports `offset + repetition + step / 10` for `steps` steps; repetition `failing` fails.
    struct Fake: Objective {
        var steps = 5
        var failing: Int?
        let seen = Seeds()
        func evaluate(_ request: TrialRequest, reporter: TrialReporter) async throws -> TrialOutcome {
            let r = request.repetition ?? -1
            seen.seeds.withLock { $0[r] = request.seed }
            for s in 0..<steps {
                if r == failing && s == 2 { return .failed("diverged") }
                if try await reporter.report(step: s, metrics: ["v": Double(r) + Double(s) / 10]) { return .pruned }
                if reporter.isCancelled { return .failed("stopped by the user") }
                await Task.yield()
            }
            return .complete(nil)
        }
    }

    /// The seed each repetition got.
    final class Seeds: Sendable {
        let seeds = Mutex<[Int: UInt64]>([:])
    }

    func run(_ fake: Fake, repetitions: Int, pruneAt: Int? = nil) async throws -> (TrialOutcome, [StepReport]) {
        var seen: [StepReport] = []
        let reporter = TrialReporter { steps in
            seen += steps
            return steps.contains { $0.step == pruneAt }
        }
        let outcome = try await RepeatedObjective(base: fake, repetitions: repetitions).evaluate(
            TrialRequest(study: "s", number: 4, params: [:], seed: 99), reporter: reporter)
        return (outcome, seen)
    }

    @Test func everyStepIsTheMeanOfTheRepetitions() async throws {
        let fake = Fake()
        let (outcome, seen) = try await run(fake, repetitions: 3)
        #expect(outcome == .complete(nil))
        #expect(seen.map(\.step) == [0, 1, 2, 3, 4])
        for report in seen {
            #expect(abs(report.metrics["v"]! - (1 + Double(report.step) / 10)) < 1e-12, "the mean of 0, 1 and 2 plus the step")
            #expect(report.metrics["v[2]"] == 2 + Double(report.step) / 10)
            #expect(abs(report.metrics["v[se]"]! - 1 / Double(3).squareRoot()) < 1e-12)
        }
        let seeds = fake.seen.seeds.withLock { $0 }
        #expect(Set(seeds.keys) == [0, 1, 2] && Set(seeds.values).count == 3, "each repetition its own seed")
        #expect(seeds[0] == SplitMix64.derive(99, 0))
    }

    @Test func aPruneStopsEveryRepetition() async throws {
        let (outcome, seen) = try await run(Fake(steps: 1_000), repetitions: 4, pruneAt: 2)
        #expect(outcome == .pruned)
        #expect(seen.map(\.step).max()! < 1_000, "the repetitions stopped")
    }

    @Test func aFailedRepetitionFailsTheTrial() async throws {
        let (outcome, _) = try await run(Fake(steps: 1_000, failing: 1), repetitions: 3)
        #expect(outcome == .failed("repetition 1 of 3: diverged"))
    }
}
