import Foundation
import SweepCore
import Testing

@testable import SweepRunner

/// Runs `script` as a one-trial command objective in a scratch folder, then removes the folder.
/// No check bounds the time taken: the suite's time limit fails a command that never ends, and a
/// test's clock measured the loaded machine's task threads more than the reader.
private func run(
    _ script: String, timeout: Double? = nil, metric: String? = "value", cancelAfter: Duration? = nil,
    check: (TrialOutcome, _ log: String) -> Void
) async throws {
    let dir = try ScratchDirectory()
    defer { try? FileManager.default.removeItem(at: dir.url) }
    let path = try dir.script("train.sh", "#!/bin/sh\n" + script + "\n")
    let objective = CommandObjective(
        command: ["/bin/sh", path], workdir: dir.path, timeout: timeout, gracePeriod: 1, logDirectory: dir.path, metric: metric)
    let started = ContinuousClock.now
    let reporter = TrialReporter(
        { _ in false }, isCancelled: { cancelAfter.map { ContinuousClock.now - started > $0 } ?? false })
    let outcome = try await objective.evaluate(TrialRequest(study: "s", number: 0, params: [:], seed: 1), reporter: reporter)
    let log = (try? String(contentsOfFile: dir.url.appendingPathComponent("0.log").path, encoding: .utf8)) ?? ""
    check(outcome, log)
}

@Suite(.timeLimit(.minutes(10))) struct CommandObjectiveTests {
    /// A 20 MB line used to take minutes to read, and the timeout never fired meanwhile (the
    /// command would end after its `sleep 30` without a value, a failure of another kind).
    @Test func aTwentyMegabyteLineIsCutInTheLogAndTheTimeoutFires() async throws {
        try await run("head -c 20000000 /dev/zero | tr '\\0' x; echo; sleep 30", timeout: 2) { outcome, log in
            #expect(outcome == .failed("timed out after 2 s"))
            #expect(log.contains(TrialLog.cutMarker(dropped: 20_000_000 - LineReader.maxLineLength)))
            // The head is kept; the rest is not.
            #expect(log.utf8.count < LineReader.maxLineLength + 1_000)
        }
    }

    /// Lines that never stop coming used to keep the reader from ever seeing the deadline.
    @Test func aCommandThatPrintsWithoutPauseTimesOut() async throws {
        try await run("yes 'epoch done'", timeout: 1) { outcome, _ in
            #expect(outcome == .failed("timed out after 1 s"))
        }
    }

    /// The line never ends: a stop seen only at a line's end would never come.
    @Test func ctrlCStopsATrialInTheMiddleOfALongLine() async throws {
        try await run("tr '\\0' x < /dev/zero", cancelAfter: .milliseconds(300)) { outcome, _ in
            #expect(outcome == .failed("stopped by the user"))
        }
    }

    @Test func aMetricLineLongerThanTheLimitIsNeverParsed() async throws {
        let big = String(repeating: "1", count: LineReader.maxLineLength)
        try await run("echo '{\"step\": 0, \"value\": \(big)}'; echo '{\"step\": 1, \"value\": 2}'") { outcome, log in
            #expect(outcome == .complete(nil))
            #expect(log.contains("more bytes dropped"))
        }
    }

    /// The fail reason used to be "finished without reporting value", the cause only in the log.
    @Test(arguments: [
        (#"{"step": -1, "value": 1}"#, #"1 metric line was refused, the first at line 2: "step" must be a non-negative integer, got -1"#),
        (#"{"step": "3", "value": 1}"#, #"1 metric line was refused, the first at line 2: "step" must be a non-negative integer, got "3""#),
    ])
    func refusedMetricLinesAreTheFailReason(line: String, refusal: String) async throws {
        try await run("echo starting; echo '\(line)'") { outcome, _ in
            #expect(outcome == .failed("finished without reporting value; " + refusal))
        }
    }

    @Test func refusalsAreCountedAndTheFirstIsNamed() async throws {
        try await run(#"echo '{"step": 1.5, "value": 1}'; echo '{"step": -2, "value": 1}'; echo '{"loss": 1}'"#) { outcome, _ in
            #expect(
                outcome
                    == .failed(
                        #"finished without reporting value; 2 metric lines were refused, the first at line 1: "step" must be a non-negative integer, got 1.5"#
                    ))
        }
    }

    @Test func refusedLinesBesideAReportedObjectiveDoNotFailTheTrial() async throws {
        try await run(#"echo '{"step": -1, "value": 1}'; echo '{"step": 0, "value": 2}'"#) { outcome, _ in
            #expect(outcome == .complete(nil))
        }
    }

    /// 8 MB of `\r` progress on stderr took 39 s and blocked the command on the pipe; the fail
    /// reason held the whole tail of progress bars. The command times its own writing (awk writes
    /// the 8 MB in a fraction of a second when the reader keeps up), so the bound measures the
    /// reader, not how long the loaded test machine took to resume the test.
    @Test func progressBarsOnStderrAreFastAndTheFailReasonShowsTheirLastState() async throws {
        let stamp = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-progress-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: stamp) }
        let script = """
            bar=$(head -c 100 /dev/zero | tr '\\0' '#')
            started=$(date +%s%N)
            awk -v bar="$bar" 'BEGIN { for (i = 0; i < 80000; i++) printf "\\r%s %d", bar, i }' >&2
            echo $(( ($(date +%s%N) - started) / 1000000 )) > '\(stamp.path)'
            echo 'Traceback: out of memory' >&2
            exit 3
            """
        try await run(script, timeout: 120) { outcome, log in
            guard case .failed(let reason) = outcome else {
                Issue.record("expected a failure, got \(outcome)")
                return
            }
            #expect(reason.hasPrefix("exit code 3: "))
            #expect(reason.contains("79999"))
            #expect(!reason.contains("79998"))
            #expect(reason.hasSuffix("Traceback: out of memory"))
            #expect(log.utf8.count < 1_000)
            let wroteMilliseconds = (try? String(contentsOf: stamp, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            #expect(wroteMilliseconds.map { $0 < 30_000 } == true, "the command spent \(wroteMilliseconds.map(String.init) ?? "?") ms writing its progress")
        }
    }
}
