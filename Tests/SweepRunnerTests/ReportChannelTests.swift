import Foundation
import SweepCore
import Synchronization
import Testing

@testable import SweepRunner

/// A command that prints faster than the storage records: its reports arrive in batches (one write
/// each), every step once and in order; a stop ends the command.
@Suite(.timeLimit(.minutes(10))) struct ReportChannelTests {
    @Test func reportsPrintedDuringASlowWriteArriveTogetherInOrder() async throws {
        let dir = try ScratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir.url) }
        let path = try dir.script("fast.sh", "#!/bin/sh\nseq 0 19999 | sed 's/.*/{\"step\": &, \"value\": &}/'\n")
        let objective = CommandObjective(command: ["/bin/sh", path], workdir: dir.path, metric: "value")
        var steps: [Int] = []
        var batches = 0
        let reporter = TrialReporter({ batch in
            batches += 1
            steps += batch.map(\.step)
            try await Task.sleep(for: .milliseconds(2))  // a write in flight
            return false
        })
        let outcome = try await objective.evaluate(TrialRequest(study: "s", number: 0, params: [:], seed: 1), reporter: reporter)
        #expect(outcome == .complete(nil))
        #expect(steps == Array(0..<20000), "every step once, in order")
        #expect(batches < 2000, "\(batches) writes for 20,000 reports: printed lines wait for the next write together")
    }

    @Test func aStopEndsTheCommandWhileItStillPrints() async throws {
        let dir = try ScratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir.url) }
        let path = try dir.script("endless.sh", "#!/bin/sh\ni=0; while true; do echo \"{\\\"step\\\": $i, \\\"value\\\": 1}\"; i=$((i+1)); done\n")
        let objective = CommandObjective(command: ["/bin/sh", path], workdir: dir.path, gracePeriod: 1, metric: "value")
        let reporter = TrialReporter({ batch in (batch.last?.step ?? 0) >= 100 })
        // Without the stop the command never ends and the suite's time limit fails the test (a
        // bound on the time taken measured the busy machine more than the stop).
        let outcome = try await objective.evaluate(TrialRequest(study: "s", number: 0, params: [:], seed: 1), reporter: reporter)
        #expect(outcome == .pruned)
    }

    /// The thread waits for room in the backlog in short slices, so the timeout fires even while
    /// the storage is slower than the command.
    @Test func theTimeoutFiresWhileTheStorageIsBehind() async throws {
        let dir = try ScratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir.url) }
        let path = try dir.script("endless.sh", "#!/bin/sh\ni=0; while true; do echo \"{\\\"step\\\": $i, \\\"value\\\": 1}\"; i=$((i+1)); done\n")
        let objective = CommandObjective(command: ["/bin/sh", path], workdir: dir.path, timeout: 1, gracePeriod: 1, metric: "value")
        let reporter = TrialReporter({ _ in
            try await Task.sleep(for: .milliseconds(300))  // a storage much slower than the command
            return false
        })
        // An endless command would never end without the timeout: the suite's time limit says so.
        let outcome = try await objective.evaluate(TrialRequest(study: "s", number: 0, params: [:], seed: 1), reporter: reporter)
        #expect(outcome == .failed("timed out after 1 s"))
    }
}
