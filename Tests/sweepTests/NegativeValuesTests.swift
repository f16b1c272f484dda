import Foundation
import Testing

/// Negative numbers given with the space syntax (`--value -0.5`) are values, not options.
@Suite struct NegativeValuesTests {
    /// A folder with a minimize study `s` and one running trial (number 0).
    func studyWithATrial() async throws -> URL {
        let dir = try SweepProcess.temporaryDirectory()
        for args in [["create", "s", "--direction", "minimize", "--param", "x=float:-2:2", "--sampler", "random"], ["ask"]] {
            let r = try await SweepProcess.run(args, in: dir)
            #expect(r.status == 0, "sweep \(args) failed: \(r.stderr)")
        }
        return dir
    }

    @Test func reportAndTellTakeNegativeValuesAfterASpace() async throws {
        let dir = try await studyWithATrial()
        let report = try await SweepProcess.run(
            ["report", "--trial", "0", "--step", "0", "--value", "-0.5", "--metric", "loss=-2"], in: dir)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout == "continue\n")
        let tell = try await SweepProcess.run(["tell", "--trial", "0", "--value", "-3", "--json"], in: dir)
        #expect(tell.status == 0, "\(tell.stderr)")
        // The told value, not the reported one, is the trial's value.
        #expect(SweepProcess.object(tell)["value"] as? Double == -3)
        let show = SweepProcess.object(try await SweepProcess.run(["show", "0", "--json"], in: dir))
        let metrics = show["metrics"] as? [String: [[Double]]]
        #expect(metrics?["value"] == [[0, -0.5]])
        #expect(metrics?["loss"] == [[0, -2]])
    }

    @Test func negativeInfinityIsAValueToo() async throws {
        let dir = try await studyWithATrial()
        let r = try await SweepProcess.run(["report", "--trial", "0", "--step", "0", "--value", "-inf"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test(arguments: [
        (["report", "--trial", "0", "--step", "-1", "--value", "1"], "step must be >= 0, got -1"),
        (["report", "--trial", "-1", "--step", "0", "--value", "1"], "--trial must be 0 or more"),
        (["tell", "--trial", "-2", "--value", "1"], "--trial must be 0 or more"),
        (["should-prune", "--trial", "-2"], "--trial must be 0 or more"),
        (["note", "hi", "--trial", "-2"], "--trial must be 0 or more"),
        (["show", "-1"], "the trial number must be 0 or more (trials are numbered from 0), got -1"),
        (["show", "one"], "expected one trial number, got 'one'"),
        (["run", "s.toml", "--workers", "-2"], "--workers must be >= 1, got -2"),
        (["curves", "describe", "c.jsonl", "--rows", "-3"], "--rows must be at least 1, got -3"),
    ])
    func aNegativeNumberWhereNoneFitsIsRefusedByName(args: [String], message: String) async throws {
        let dir = try await studyWithATrial()
        let r = try await SweepProcess.run(args, in: dir)
        #expect(r.status != 0, "sweep \(args) should fail")
        #expect(r.stderr.contains(message), "sweep \(args): \(r.stderr)")
        #expect(!r.stderr.contains("Missing value"), "sweep \(args): \(r.stderr)")
    }

    @Test func enqueueTakesNegativeParameters() async throws {
        let dir = try await studyWithATrial()
        let r = try await SweepProcess.run(["enqueue", "--set", "x=-1"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let ask = SweepProcess.object(try await SweepProcess.run(["ask", "--json"], in: dir))
        #expect((ask["params"] as? [String: Any])?["x"] as? Double == -1)
    }

    /// The README's loop (`--value "$value"`) with losses below zero: every report is recorded.
    @Test func theShellLoopKeepsNegativeLosses() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let sweep = SweepProcess.binary.path
        let script = """
            set -euo pipefail
            '\(sweep)' create neg --direction minimize --pruner nop --sampler random --param lr=float:0.1:1 >/dev/null
            for _ in 1 2 3; do
              set -- $('\(sweep)' ask --study neg); trial=$1
              value=0
              for step in 0 1 2; do
                value=$(awk -v s="$step" -v t="$trial" 'BEGIN { printf "%.3f", -1 - s - t / 10 }')
                [ "$('\(sweep)' report --study neg --trial "$trial" --step "$step" --value "$value")" = prune ] && continue 2
              done
              '\(sweep)' tell --study neg --trial "$trial" --value "$value" >/dev/null
            done
            """
        try SweepProcess.write(script, to: "loop.sh", in: dir)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["loop.sh"]
        process.currentDirectoryURL = dir
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let best = SweepProcess.object(try await SweepProcess.run(["best", "--json"], in: dir))
        // Trial 2's last loss, -1 - 2 - 0.2, is the lowest.
        #expect(best["value"] as? Double == -3.2)
    }
}
