import Foundation
import Synchronization
import Testing

/// Trials driven from a shell: one asked with a heartbeat timeout that beats survives a worker on
/// the same study; one that stays silent past its timeout is failed by it; one asked without a
/// timeout is never failed for silence.
@Suite struct HeartbeatCommandTests {
    @Test func aShellTrialThatBeatsOutlivesACoRunningWorker() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        func sweep(_ args: String...) async throws -> SweepProcess.Result { try await SweepProcess.run(args, in: dir, queued: false) }
        try SweepProcess.write(
            """
            name = "shared"
            trials = 3
            sampler = "random"
            pruner = "nop"
            heartbeat_timeout = 60
            [objective]
            builtin = "toy"
            steps = 3
            [params]
            x = "float:0:1"
            """, to: "study.toml", in: dir)
        #expect(try await sweep("create", "shared", "--param", "x=float:0:1", "--sampler", "random", "--pruner", "nop").status == 0)
        #expect(try await sweep("ask", "--heartbeat-timeout", "5").status == 0)  // trial 0: beats
        #expect(try await sweep("ask", "--heartbeat-timeout", "5").status == 0)  // trial 1: silent
        #expect(try await sweep("ask").status == 0)  // trial 2: no timeout, silent
        // The shell beats trial 0 every half second on a thread of its own (a busy test machine
        // must not make it late), from now until it tells trials 0 and 2 complete, a second after
        // the worker started. The worker reaps when it starts, once trial 1 has been silent past
        // its timeout; it then runs trial 1's retry and waits for the two shell trials (a reaped
        // trial could not be told complete).
        let workerStarted = SweepProcess.Flag()
        let beats = Mutex<[Int32]>([])
        let told = Mutex<[SweepProcess.Result]>([])
        let shell = Thread {
            while !workerStarted.isSet {
                let beat = try? SweepProcess.runOnThisThread(["heartbeat", "--trial", "0"], in: dir)
                beats.withLock { $0.append(beat?.status ?? -1) }
                Thread.sleep(forTimeInterval: 0.5)
            }
            Thread.sleep(forTimeInterval: 1)
            for number in ["0", "2"] {
                let result = try? SweepProcess.runOnThisThread(["tell", "--trial", number, "--value", "-0.5"], in: dir)
                if let result { told.withLock { $0.append(result) } }
            }
        }
        shell.start()
        try await Task.sleep(for: .seconds(6))
        workerStarted.set()
        let worker = try await sweep("worker", "study.toml", "--json")
        #expect(worker.status == 0, "\(worker.stderr)")
        #expect(told.withLock { $0.map(\.status) } == [0, 0], "both shell trials were still alive to be told")
        #expect(beats.withLock { !$0.isEmpty && $0.allSatisfy { $0 == 0 } }, "every beat was taken: \(beats.withLock { $0 })")
        let trials = try await sweep("trials", "--json")
        let rows = (try? JSONSerialization.jsonObject(with: Data(trials.stdout.utf8))) as? [[String: Any]] ?? []
        let state = Dictionary(uniqueKeysWithValues: rows.compactMap { row in
            (row["number"] as? Int).map { ($0, row["state"] as? String ?? "") }
        })
        #expect(state[0] == "complete", "the beating trial lived: \(state)")
        #expect(state[1] == "failed", "the silent trial with a timeout was failed: \(state)")
        #expect(state[2] == "complete", "a trial without a timeout is never failed for silence: \(state)")
        #expect(state[3] == "complete", "the failed trial's retry ran: \(state)")
    }

    @Test func badHeartbeatsAreRefused() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        func sweep(_ args: String...) async throws -> SweepProcess.Result { try await SweepProcess.run(args, in: dir) }
        #expect(try await sweep("create", "s").status == 0)
        let negative = try await sweep("ask", "--heartbeat-timeout", "-1")
        #expect(negative.status != 0 && negative.stderr.contains("--heartbeat-timeout must be a positive number"), "\(negative.stderr)")
        let missing = try await sweep("heartbeat", "--trial", "7")
        #expect(missing.status != 0 && missing.stderr.contains("7"), "\(missing.stderr)")
        #expect(try await sweep("ask").status == 0)
        #expect(try await sweep("tell", "--trial", "0", "--value", "1").status == 0)
        let finished = try await sweep("heartbeat", "--trial", "0")
        #expect(finished.status != 0 && finished.stderr.contains("complete"), "\(finished.stderr)")
    }
}
