import Foundation
import Testing

/// `sweep reproduce` end to end: a study run on a dirty git tree, the repository moved on, then
/// the trial's tree put back in a worktree and its printed command run again.
@Suite struct ReproduceCommandTests {
    /// Runs a bash script in `dir`; git gets an author without a global configuration.
    @discardableResult
    func shell(_ script: String, in dir: URL) async throws -> SweepProcess.Result {
        let prelude = "set -e; export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com\n"
        let r = try await SweepProcess.run(["-c", prelude + script], in: dir, executable: URL(fileURLWithPath: "/bin/bash"))
        #expect(r.status == 0, "\(script): \(r.stderr)")
        return r
    }

    /// A repository with a committed training script whose value depends on its parameter, its
    /// seed, a tracked file (`scale`) and an untracked one (`offset`).
    func makeRepository(in dir: URL) async throws -> URL {
        let repo = dir.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try SweepProcess.write(
            """
            #!/usr/bin/env python3
            import json, os, sys
            x = float(sys.argv[sys.argv.index("--x") + 1])
            assert json.loads(os.environ["SWEEP_PARAMS"])["x"] == x
            scale = float(open("scale.txt").read())
            offset = float(open("offset.txt").read()) if os.path.exists("offset.txt") else 0.0
            seed = int(os.environ["SWEEP_SEED"])
            print(json.dumps({"step": 0, "value": x * scale + offset + (seed % 1000) / 1e6}))
            """, to: "train.py", in: repo, executable: true)
        try SweepProcess.write("1\n", to: "scale.txt", in: repo)
        try SweepProcess.write("sweep-logs/\n", to: ".gitignore", in: repo)
        try await shell("git init -q . && git add train.py scale.txt .gitignore && git commit -qm 'train'", in: repo)
        return repo
    }

    @Test func aTrialOfADirtyTreeComesBackInAWorktreeAndItsCommandGivesItsValue() async throws {
        try await SweepProcess.withTemporaryDirectory { dir in
            let repo = try await makeRepository(in: dir)
            let first = try await shell("git rev-parse HEAD", in: repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            // The dirty tree: a tracked file changed and an untracked one added.
            try SweepProcess.write("2\n", to: "scale.txt", in: repo)
            try SweepProcess.write("5\n", to: "offset.txt", in: repo)
            try SweepProcess.write(
                """
                name = "repro"
                trials = 3
                sampler = "random"
                [objective]
                command = ["./train.py"]
                [params]
                x = "float:0:1"
                """, to: "study.toml", in: repo)
            let storage = "sqlite:\(dir.appendingPathComponent("sweep.db").path)"
            let run = try await SweepProcess.run(["run", repo.appendingPathComponent("study.toml").path, "--storage", storage, "--json"], in: dir)
            #expect(run.status == 0, "\(run.stderr)")
            // The repository moves on: the changes are committed, then another change.
            try await shell("git add -A && git commit -qm 'more' && echo 3 > scale.txt && git commit -qam 'scale 3'", in: repo)

            let shown = try await SweepProcess.run(["show", "1", "--storage", storage, "--json"], in: dir)
            let trial = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
            let value = try #require(trial["value"] as? Double)

            let worktree = dir.appendingPathComponent("trial-1")
            let r = try await SweepProcess.run(["reproduce", "1", "--storage", storage, "--worktree", worktree.path], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            // The worktree is at the trial's commit, with its dirty changes: the changed file and the new one.
            let head = try await shell("git rev-parse HEAD", in: worktree).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(head == first)
            #expect(try String(contentsOf: worktree.appendingPathComponent("scale.txt"), encoding: .utf8) == "2\n")
            #expect(try String(contentsOf: worktree.appendingPathComponent("offset.txt"), encoding: .utf8) == "5\n")
            #expect(r.stdout.contains("# applied the recorded diff"), "\(r.stdout)")
            // The printed line runs the trial again in the worktree and gives the trial's value.
            let line = try #require(r.lines.last)
            #expect(line.hasPrefix("cd \(worktree.path) && "), "\(line)")
            let again = try await shell(line, in: dir)
            let metric = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
            #expect(metric["value"] as? Double == value, "\(again.stdout) against \(value)")
            // Without --worktree the line runs in the repository as it is now (scale 3): another value.
            let plain = try await SweepProcess.run(["reproduce", "1", "--storage", storage], in: dir)
            let now = try await shell(try #require(plain.lines.last), in: dir)
            let moved = try JSONSerialization.jsonObject(with: Data(now.stdout.utf8)) as? [String: Any]
            #expect(moved?["value"] as? Double != value)
            // Every trial names the same stored diff, which holds the new file and not the database.
            let json = try await SweepProcess.run(["reproduce", "2", "--storage", storage, "--json"], in: dir)
            let view = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let diff = try #require(view["diff"] as? [String: Any])
            #expect(diff["stored"] as? Bool == true && (diff["untracked"] as? [String])?.contains("offset.txt") == true, "\(diff)")
            #expect(view["commit"] as? String == first && view["dirty"] as? Bool == true)
            let runs = try #require(view["runs"] as? [[String: Any]])
            let environment = try #require(runs.first?["environment"] as? [String: String])
            #expect(environment["SWEEP_TRIAL"] == "2" && environment["SWEEP_STUDY"] == "repro" && environment["SWEEP_STORAGE"] != nil)
        }
    }

    @Test func aWorktreeIsRefusedWhenItsFolderExistsOrTheTrialHasNoProvenance() async throws {
        try await SweepProcess.withTemporaryDirectory { dir in
            let repo = try await makeRepository(in: dir)
            try SweepProcess.write(
                """
                name = "clean"
                trials = 1
                [objective]
                command = ["./train.py"]
                [params]
                x = "float:0:1"
                """, to: "study.toml", in: repo)
            try await shell("git add study.toml && git commit -qm study", in: repo)
            let storage = "sqlite:\(dir.appendingPathComponent("sweep.db").path)"
            #expect(try await SweepProcess.run(["run", repo.appendingPathComponent("study.toml").path, "--storage", storage], in: dir).status == 0)
            // A folder that exists: refused, and left as it was.
            let taken = dir.appendingPathComponent("taken")
            try FileManager.default.createDirectory(at: taken, withIntermediateDirectories: true)
            let r = try await SweepProcess.run(["reproduce", "0", "--storage", storage, "--worktree", taken.path], in: dir)
            #expect(r.status == 64 && r.stderr.contains("exists; give --worktree a folder that does not exist yet"), "\(r.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: taken.path).isEmpty)
            // A clean tree: the worktree is the commit alone.
            let clean = try await SweepProcess.run(["reproduce", "0", "--storage", storage, "--worktree", dir.appendingPathComponent("wt").path], in: dir)
            #expect(clean.status == 0 && clean.stdout.contains(", clean") && !clean.stdout.contains("applied"), "\(clean.stdout)\(clean.stderr)")
            // A trial that sweep run did not start (ask/tell) has nothing to reproduce.
            #expect(try await SweepProcess.run(["ask", "--storage", storage, "--study", "clean"], in: dir).status == 0)
            let asked = try await SweepProcess.run(["reproduce", "1", "--storage", storage], in: dir)
            #expect(asked.status == 64 && asked.stderr.contains("has no recorded provenance"), "\(asked.stderr)")
            // A trial that does not exist.
            #expect(try await SweepProcess.run(["reproduce", "9", "--storage", storage], in: dir).status == 66)
        }
    }
}
