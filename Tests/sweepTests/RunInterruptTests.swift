import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Ctrl-C and retries: nothing acknowledged is lost, and the study still gets its trials.
@Suite struct RunInterruptTests {
    func write(_ text: String, to name: String, in dir: URL, executable: Bool = false) throws {
        try SweepProcess.write(text, to: name, in: dir, executable: executable)
    }

    func trials(_ dir: URL) async throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(try await SweepProcess.run(["trials", "--json"], in: dir).stdout.utf8)) as? [[String: Any]] ?? []
    }

    @Test func ctrlCStopsGracefullyAndTheNextRunFinishes() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try write(
            """
            #!/usr/bin/env bash
            echo $$ >> pids
            for s in 0 1 2 3 4 5 6 7 8 9; do echo "{\\"step\\": $s, \\"value\\": $s}"; sleep 0.1; done
            """, to: "slow.sh", in: dir, executable: true)
        try write(
            """
            name = "int"
            trials = 6
            workers = 2
            pruner = "nop"
            sampler = "random"
            [objective]
            command = ["./slow.sh"]
            grace_period = 0.5
            [params]
            x = "float:0:1"
            """, to: "study.toml", in: dir)
        let process = Process()
        process.executableURL = SweepProcess.binary
        process.arguments = ["run", "study.toml"]
        process.currentDirectoryURL = dir
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        // Interrupted once both workers run a trial.
        let pidFile = dir.appendingPathComponent("pids")
        try await SweepProcess.signal(process, SIGINT) {
            ((try? String(contentsOf: pidFile, encoding: .utf8)) ?? "").split(separator: "\n").count >= 2
        }
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus != 0)
        #expect(message.contains("interrupted"), "\(message)")
        let after = try await trials(dir)
        #expect(!after.contains { $0["state"] as? String == "running" }, "Ctrl-C left trials running")
        let interrupted = after.filter { $0["state"] as? String == "failed" }
        #expect(!interrupted.isEmpty)
        // Every process the run started is gone.
        let pids = try String(contentsOf: dir.appendingPathComponent("pids"), encoding: .utf8).split(separator: "\n").compactMap { Int32($0) }
        for pid in pids { #expect(kill(pid, 0) == -1, "process \(pid) survived Ctrl-C") }
        let again = try await SweepProcess.run(["run", "study.toml"], in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try await trials(dir).filter { $0["state"] as? String == "complete" }.count == 6)
    }

    @Test func aFailedTrialIsRetriedWithTheSameParameters() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        // Fails the first time each trial number runs, succeeds on the retry.
        try write(
            """
            #!/usr/bin/env bash
            if [ ! -e "seen-$2" ]; then touch "seen-$2"; echo "first attempt fails" >&2; exit 1; fi
            echo '{"step": 0, "value": 1}'
            """, to: "flaky.sh", in: dir, executable: true)
        try write(
            """
            name = "retry"
            trials = 3
            pruner = "nop"
            sampler = "random"
            [objective]
            command = ["./flaky.sh"]
            retries = 1
            [params]
            x = "float:0:1"
            """, to: "study.toml", in: dir)
        let r = try await SweepProcess.run(["run", "study.toml"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let all = try await trials(dir)
        #expect(all.filter { $0["state"] as? String == "complete" }.count == 3)
        #expect(all.filter { $0["state"] as? String == "failed" }.count == 3)
        // Each retry ran the parameters of the trial it replaced.
        for t in all where t["state"] as? String == "complete" {
            let of = (t["user_attrs"] as? [String: Any])?["retry_of"] as? Double
            let original = all.first { ($0["number"] as? Int).map(Double.init) == of }
            #expect((original?["params"] as? [String: Double]) == (t["params"] as? [String: Double]))
        }
    }
}
