import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Trials whose script talks to Sweep itself, a second worker joining, and the research log.
@Suite struct RunWorkerTests {
    func write(_ text: String, to name: String, in dir: URL, executable: Bool = false) throws {
        try SweepProcess.write(text, to: name, in: dir, executable: executable)
    }

    @Test func aScriptCanReportThroughTheCLI() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        // The script learns storage, study and trial from the environment `sweep run` gives it.
        try write(
            """
            #!/usr/bin/env bash
            for s in 0 1 2 3 4; do
              v=$(( SWEEP_TRIAL * 10 + s ))
              [ "$("$SWEEP_BIN" report --trial "$SWEEP_TRIAL" --step "$s" --value "$v")" = prune ] && exit 0
            done
            "$SWEEP_BIN" tell --trial "$SWEEP_TRIAL" --value "$v" > /dev/null
            """, to: "cli.sh", in: dir, executable: true)
        try write(
            """
            name = "cli"
            trials = 4
            pruner = "nop"
            sampler = "random"
            [objective]
            command = ["./cli.sh"]
            env = { SWEEP_BIN = "\(SweepProcess.binary.path)" }
            [params]
            x = "float:0:1"
            """, to: "study.toml", in: dir)
        let r = try await SweepProcess.run(["run", "study.toml", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let trials = try JSONSerialization.jsonObject(with: Data(try await SweepProcess.run(["trials", "--json", "--curves"], in: dir).stdout.utf8)) as? [[String: Any]] ?? []
        #expect(trials.count == 4)
        for t in trials {
            #expect(t["state"] as? String == "complete")
            #expect(((t["metrics"] as? [String: Any])?["value"] as? [[Double]])?.count == 5)
        }
    }

    @Test func aWorkerJoinsAnExistingStudyOnly() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try write(
            """
            name = "joined"
            trials = 6
            workers = 2
            pruner = "nop"
            sampler = "random"
            [objective]
            builtin = "toy"
            steps = 5
            [params]
            x = "float:0:1"
            """, to: "study.toml", in: dir)
        let missing = try await SweepProcess.run(["worker", "study.toml"], in: dir)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no Sweep database at sweep.db"), "\(missing.stderr)")
        #expect(try await SweepProcess.run(["run", "study.toml", "--trials", "2"], in: dir).status == 0)
        let joined = try await SweepProcess.run(["worker", "study.toml", "--json"], in: dir)
        #expect(joined.status == 0, "\(joined.stderr)")
        let trials = try JSONSerialization.jsonObject(with: Data(try await SweepProcess.run(["trials", "--json"], in: dir).stdout.utf8)) as? [[String: Any]]
        #expect(trials?.count == 6)
    }

    @Test func theResearchLogInterleavesNotesAndResults() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        func sweep(_ args: String...) async throws -> SweepProcess.Result {
            let r = try await SweepProcess.run(args, in: dir)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            return r
        }
        _ = try await sweep("create", "R", "--param", "gamma=float:0:1", "--sampler", "random")
        _ = try await sweep("note", "R7: trying gamma")
        _ = try await sweep("enqueue", "--set", "gamma=0.5")
        _ = try await sweep("enqueue", "--set", "gamma=0.8")
        _ = try await sweep("ask")
        _ = try await sweep("tell", "--trial", "0", "--value", "0.6")
        _ = try await sweep("ask")
        _ = try await sweep("tell", "--trial", "1", "--value", "0.4")
        _ = try await sweep("note", "0.8 is worse")
        let log = try await sweep("log").lines
        #expect(log.count == 4, "\(log)")
        #expect(log[0].hasSuffix("note: R7: trying gamma"))
        #expect(log[1].contains("trial 0 complete 0.6 (first result)"))
        #expect(log[2].contains("trial 1 complete 0.4 (best stays 0.6) — gamma 0.5 -> 0.8"))
        #expect(log[3].hasSuffix("note: 0.8 is worse"))
        let show = try await sweep("show", "1")
        #expect(show.stdout.contains("gamma = 0.8"))
    }
}
