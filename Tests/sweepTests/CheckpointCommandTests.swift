import Foundation
import Testing

/// `sweep run` with `human:via=queue`: trials wait at their checkpoints while another process
/// (`sweep checkpoints`, `sweep answer`) answers them, and the run goes on with the answers.
@Suite(.timeLimit(.minutes(10))) struct CheckpointCommandTests {
    @Test func answersFromAnotherProcessDecideTheWaitingTrials() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try SweepProcess.write("""
            name = "asked"
            direction = "maximize"
            metric = "value"
            trials = 3
            workers = 3
            seed = 2
            sampler = "random"
            pruner = "human:via=queue,timeout=600,interval_steps=5,n_warmup_steps=4"

            [objective]
            builtin = "toy"
            steps = 10

            [params]
            x = "float:0:1"
            """, to: "study.toml", in: dir)
        let run = Process()
        run.executableURL = SweepProcess.binary
        run.arguments = ["run", "study.toml"]
        run.currentDirectoryURL = dir
        run.standardOutput = FileHandle.nullDevice
        run.standardError = FileHandle.nullDevice
        try run.run()
        defer { if run.isRunning { run.terminate() } }
        var answered: [Int: Int] = [:]
        let start = Date()
        // Answer every question as it comes: prune trial 1 at its first checkpoint, let the others go on.
        while run.isRunning, Date().timeIntervalSince(start) < 540 {
            let listed = try await SweepProcess.run(["checkpoints", "--json"], in: dir, queued: false)
            let open = (try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8))) as? [[String: Any]] ?? []
            for question in open {
                guard let trial = question["trial"] as? Int else { continue }
                let args = ["answer", String(trial), trial == 1 ? "--prune" : "--continue", "--reason", "seen by the test", "--by", "ada"]
                let reply = try await SweepProcess.run(args, in: dir, queued: false)
                #expect(reply.status == 0, "\(reply.stderr)")
                answered[trial, default: 0] += 1
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(!run.isRunning, "the run finished once its questions were answered")
        run.waitUntilExit()
        #expect(run.terminationStatus == 0)
        #expect(answered[1] == 1 && answered[0] == 2 && answered[2] == 2, "one question per checkpoint (steps 4 and 9): \(answered)")
        let trials = try await SweepProcess.run(["trials", "--json"], in: dir)
        let list = (try? JSONSerialization.jsonObject(with: Data(trials.stdout.utf8))) as? [[String: Any]] ?? []
        #expect(list.map { $0["state"] as? String } == ["complete", "pruned", "complete"], "\(trials.stdout)")
        #expect((list[1]["user_attrs"] as? [String: Any])?["prune_reason"] as? String == "seen by the test")
        let show = try await SweepProcess.run(["show", "1"], in: dir)
        #expect(show.stdout.contains("human judge (ada) at step 4: prune — seen by the test"), "\(show.stdout)")
        let all = try await SweepProcess.run(["checkpoints", "--all"], in: dir)
        #expect(all.stdout.components(separatedBy: "\n").filter { $0.contains("(ada: seen by the test)") }.count == 5, "\(all.stdout)")
        let none = try await SweepProcess.run(["checkpoints"], in: dir)
        #expect(none.stdout.contains("no trial of study 'asked' is waiting for an answer"))
    }

    @Test func badAnswersAreRefused() async throws {
        try await SweepProcess.withTemporaryDirectory { dir in
            #expect(try await SweepProcess.run(["create", "s", "--direction", "maximize"], in: dir).status == 0)
            #expect(try await SweepProcess.run(["ask"], in: dir).status == 0)
            let both = try await SweepProcess.run(["answer", "0", "--prune", "--continue"], in: dir)
            #expect(both.status == 64 && both.stderr.contains("exactly one of --prune and --continue"), "\(both.stderr)")
            let neither = try await SweepProcess.run(["answer", "0"], in: dir)
            #expect(neither.status == 64)
            let negative = try await SweepProcess.run(["answer", "-1", "--prune"], in: dir)
            #expect(negative.status == 64, "\(negative.stderr)")
            let timeout = try await SweepProcess.run(["answer", "0", "--prune", "--by", "timeout"], in: dir)
            #expect(timeout.status == 64, "\(timeout.stderr)")
            let notWaiting = try await SweepProcess.run(["answer", "0", "--prune"], in: dir)
            #expect(notWaiting.status != 0 && notWaiting.stderr.contains("trial 0 of study 's' is not waiting for an answer"), "\(notWaiting.stderr)")
        }
    }
}
