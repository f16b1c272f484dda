import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `sweep run` end to end: built-in and external-command objectives, pruned processes killed,
/// bad study files, misbehaving commands, and a crash in the middle of a study.
@Suite struct RunCommandTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples")

    func write(_ text: String, to name: String, in dir: URL, executable: Bool = false) throws {
        try SweepProcess.write(text, to: name, in: dir, executable: executable)
    }

    func summary(_ r: SweepProcess.Result) -> [String: Any] {
        let last = r.lines.last ?? ""
        return (try? JSONSerialization.jsonObject(with: Data(last.utf8))) as? [String: Any] ?? [:]
    }

    @Test func theToyExampleRunsToTheEnd() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let r = try await SweepProcess.run(["run", Self.examples.appendingPathComponent("toy.toml").path, "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let s = summary(r)
        let trials = s["trials"] as? [String: Int] ?? [:]
        #expect((trials["complete"] ?? 0) + (trials["pruned"] ?? 0) == 40)
        #expect((trials["pruned"] ?? 0) > 0, "the median pruner should stop some toy trials")
        #expect((s["best"] as? Double ?? 0) > 0.8)
        // Running it again finds the study complete and adds nothing.
        let again = try await SweepProcess.run(["run", Self.examples.appendingPathComponent("toy.toml").path, "--json"], in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        let t2 = summary(again)["trials"] as? [String: Int] ?? [:]
        #expect((t2["complete"] ?? 0) + (t2["pruned"] ?? 0) == 40)
    }

    @Test func theCommandExampleRunsPythonTrials() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let r = try await SweepProcess.run(["run", Self.examples.appendingPathComponent("command/study.toml").path, "--json", "--trials", "6"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let trials = summary(r)["trials"] as? [String: Int] ?? [:]
        #expect((trials["complete"] ?? 0) + (trials["pruned"] ?? 0) == 6, "\(r.stdout)")
        // Non-metric lines went to the trial's log.
        let log = try String(contentsOf: dir.appendingPathComponent("sweep-logs/bandit-command/0.log"), encoding: .utf8)
        #expect(log.contains("trial 0 starting"))
    }

    @Test func aPrunedProcessIsKilledEvenIfItIgnoresSIGTERM() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try write(
            """
            #!/usr/bin/env bash
            trap '' TERM
            echo $$ > "pid-$SWEEP_TRIAL"
            echo '{"step": 0, "value": 0.1}'
            for i in $(seq 100); do echo "still here $i"; sleep 0.1; done
            echo '{"step": 1, "value": 0.2}'
            """, to: "stubborn.sh", in: dir, executable: true)
        try write(
            """
            name = "kill"
            trials = 2
            pruner = "threshold:lower=0.5"
            sampler = "random"
            [objective]
            command = ["./stubborn.sh"]
            grace_period = 0.3
            [params]
            x = "float:0:1"
            """, to: "study.toml", in: dir)
        let r = try await SweepProcess.run(["run", "study.toml", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.seconds < 8, "pruned processes should not run their 10 s")
        #expect((summary(r)["trials"] as? [String: Int])?["pruned"] == 2)
        for n in 0..<2 {
            let pid = try #require(Int32(try String(contentsOf: dir.appendingPathComponent("pid-\(n)"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(kill(pid, 0) == -1 && errno == ESRCH, "process \(pid) of trial \(n) is still alive")
        }
    }

    /// Writes `study.toml`, a study of two trials of `command` (random sampler, no pruner, one
    /// float `x`) with the `settings` lines, runs it, and returns `sweep trials --json --curves`.
    func runTwoTrials(of command: String, _ settings: String, in dir: URL) async throws -> [[String: Any]] {
        try write(
            """
            name = "two"
            trials = 2
            pruner = "nop"
            sampler = "random"
            \(settings)
            [objective]
            command = ["\(command)"]
            [params]
            x = { type = "float", low = 0, high = 1 }
            """, to: "study.toml", in: dir)
        let r = try await SweepProcess.run(["run", "study.toml", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let listed = try await SweepProcess.run(["trials", "--json", "--curves"], in: dir)
        return try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    }

    /// `value = "mean_last:3"`: each trial's value is the mean of its last three reports, not its
    /// last one, and `sweep best` ranks by it.
    @Test func aTrialsValueFollowsTheStudysRule() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        // Trial 0 ends on a lucky spike; trial 1 holds steady higher.
        try write(
            """
            #!/usr/bin/env bash
            if [ "$SWEEP_TRIAL" = 0 ]; then values="0.1 0.2 0.2 0.2 0.9"; else values="0.1 0.5 0.6 0.6 0.6"; fi
            step=0
            for v in $values; do printf '{"step": %d, "value": %s, "loss": -%s}\\n' "$step" "$v" "$v"; step=$((step + 1)); done
            """, to: "noisy.sh", in: dir, executable: true)
        let trials = try await runTwoTrials(of: "./noisy.sh", "value = \"mean_last:3\"", in: dir)
        let values = trials.map { $0["value"] as? Double ?? .nan }
        #expect(values.count == 2 && abs(values[0] - 1.3 / 3) < 1e-12 && abs(values[1] - 0.6) < 1e-12, "\(values)")
        let best = try await SweepProcess.run(["best", "--json"], in: dir)
        #expect((SweepProcess.object(best)["number"] as? Int) == 1, "\(best.stdout)")
        // The rule is part of the study: a file with another one is refused.
        try write(
            try String(contentsOf: dir.appendingPathComponent("study.toml"), encoding: .utf8)
                .replacingOccurrences(of: "mean_last:3", with: "best"), to: "study.toml", in: dir)
        let changed = try await SweepProcess.run(["run", "study.toml"], in: dir)
        #expect(changed.status != 0 && changed.stderr.contains("value: stored mean_last:3, file best"), "\(changed.stderr)")
    }

    /// A command that reports through `sweep report` itself (this process's handle sees none of
    /// it): the trial's value still comes from its stored reports by the rule.
    @Test func aScriptThatReportsThroughTheCLIGetsItsValueByTheRule() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try write(
            """
            #!/usr/bin/env bash
            for v in 0.1 0.5 0.3; do
              "\(SweepProcess.binary.path)" report --storage "$SWEEP_STORAGE" --study "$SWEEP_STUDY" --trial "$SWEEP_TRIAL" --step $((s++)) --value "$v" > /dev/null || exit 1
            done
            """, to: "cli.sh", in: dir, executable: true)
        let trials = try await runTwoTrials(of: "./cli.sh", "value = \"mean_last:2\"", in: dir)
        #expect(trials.map { $0["state"] as? String } == ["complete", "complete"], "\(trials)")
        #expect(trials.allSatisfy { abs(($0["value"] as? Double ?? 0) - 0.4) < 1e-12 }, "\(trials)")
    }

    /// `repeats = 3`: each trial runs three seeds at once (`SWEEP_REPEAT`, a seed each), is judged
    /// and valued on their mean, and keeps each repetition's curve and the standard error.
    @Test func seedRepetitionsMakeOneTrial() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try write(
            """
            #!/usr/bin/env bash
            echo "$SWEEP_SEED" > "seed-$SWEEP_TRIAL-$SWEEP_REPEAT"
            for step in 0 1 2 3; do printf '{"step": %d, "reward": %d}\\n' "$step" $((step + SWEEP_REPEAT * 3)); done
            """, to: "seeds.sh", in: dir, executable: true)
        let trials = try await runTwoTrials(
            of: "./seeds.sh", "workers = 2\nrepeats = 3\nmetric = \"reward\"\nvalue = \"mean_last:2\"", in: dir)
        #expect(trials.count == 2)
        for trial in trials {
            // Repetitions 0, 1, 2 report step + 0, 3, 6: the mean is step + 3; the last two steps' mean is 5.5.
            #expect(trial["value"] as? Double == 5.5, "\(trial)")
            let curves = trial["metrics"] as? [String: Any] ?? [:]
            #expect(Set(curves.keys) == ["reward", "reward[0]", "reward[1]", "reward[2]", "reward[se]"], "\(curves.keys)")
        }
        let show = try await SweepProcess.run(["show", "0"], in: dir)
        #expect(show.stdout.contains("reward (mean of 3 seeds): 4 steps"), "\(show.stdout)")
        #expect(show.stdout.contains("  seed 2: 4 steps") && !show.stdout.contains("reward[se]"), "\(show.stdout)")
        let seeds = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("seed-") }
        #expect(seeds.count == 6, "three repetitions of each trial ran: \(seeds)")
        let values = try Set(seeds.map { try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) })
        #expect(values.count == 6, "every repetition had its own seed")
    }

    @Test func misbehavingCommandsFailTheirTrialsWithAReason() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try write("#!/usr/bin/env bash\necho '{\"step\": 0, \"value\": 1}'\necho 'boom: out of memory' >&2\nexit 3\n", to: "crash.sh", in: dir, executable: true)
        try write("#!/usr/bin/env bash\necho '{\"step\": 0, \"value\": 1}'\nsleep 30\n", to: "hang.sh", in: dir, executable: true)
        try write("#!/usr/bin/env bash\necho '{\"step\": 0, value: 1'\necho '{\"step\": 1, \"value\": oops}'\necho '{\"step\": 2, \"value\": 0.5}'\n", to: "garbage.sh", in: dir, executable: true)
        let cases: [(command: String, reason: String, state: String)] = [
            ("./crash.sh", "exit code 3: boom: out of memory", "failed"),
            ("./hang.sh", "timed out after 1 s", "failed"),
            ("./no-such-command", "command not found: ./no-such-command", "failed"),
            ("./garbage.sh", "", "complete"),
        ]
        for (i, c) in cases.enumerated() {
            try write(
                """
                name = "bad\(i)"
                trials = 1
                pruner = "nop"
                sampler = "random"
                [objective]
                command = ["\(c.command)"]
                timeout = 1
                grace_period = 0.2
                [params]
                x = "float:0:1"
                """, to: "s\(i).toml", in: dir)
            let r = try await SweepProcess.run(["run", "s\(i).toml", "--storage", "sqlite:s\(i).db"], in: dir)
            if c.state == "failed" {
                // The only trial failed: the run fails and says why, without `sweep show`.
                #expect(r.status == 1, "\(c.command): \(r.stderr)")
                #expect(r.stdout.contains("  trial 0: \(c.reason)"), "\(c.command): \(r.stdout)")
                #expect(r.stderr.contains("no trial of study 'bad\(i)' completed; trial 0 failed: \(c.reason)"), "\(r.stderr)")
            } else {
                #expect(r.status == 0, "\(c.command): \(r.stderr)")
            }
            let trials = try JSONSerialization.jsonObject(
                with: Data(try await SweepProcess.run(["trials", "--json", "--storage", "sqlite:s\(i).db"], in: dir).stdout.utf8)) as? [[String: Any]]
            #expect(trials?.first?["state"] as? String == c.state, "\(c.command)")
            let shown = try await SweepProcess.run(["show", "0", "--json", "--storage", "sqlite:s\(i).db"], in: dir)
            if !c.reason.isEmpty {
                #expect(shown.stdout.contains(c.reason), "\(c.command): \(shown.stdout)")
            } else {
                // Two malformed metric lines were counted, and the good one still counted.
                #expect(shown.stdout.contains("\"malformed_lines\":2"), "\(shown.stdout)")
            }
        }
    }

    @Test func aStudyWhereEveryTrialFailedExitsNonZeroWithTheFirstReasons() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try write(
            """
            name = "broken"
            trials = 5
            workers = 1
            [objective]
            command = ["sh", "-c", "echo \\"bad flag $SWEEP_TRIAL\\" >&2; exit 3"]
            [params]
            x = "float:0:1"
            """, to: "s.toml", in: dir)
        let r = try await SweepProcess.run(["run", "s.toml"], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        // Three reasons with their trial numbers, not five.
        #expect(r.stdout.contains("5 failed (the first 3):\n  trial 0: exit code 3: bad flag 0\n  trial 1: exit code 3: bad flag 1\n  trial 2: exit code 3: bad flag 2\n"), "\(r.stdout)")
        #expect(!r.stdout.contains("trial 3:"))
        let json = try await SweepProcess.run(["run", "s.toml", "--json"], in: dir)
        #expect(json.status == 1)
        let failures = summary(json)["failures"] as? [[String: Any]]
        #expect(failures?.map { $0["trial"] as? Int } == [0, 1, 2])
        #expect(failures?.first?["reason"] as? String == "exit code 3: bad flag 0")
    }

    @Test(arguments: [
        ("name = \"x\"\n[objective]\nbuiltin = \"toy\"\n[params\n", "s.toml:", "invalid TOML"),
        ("name = \"x\"\ntrails = 3\n[objective]\nbuiltin = \"toy\"\n", "s.toml:2: 'trails' is not a known key", "expected one of"),
        ("name = \"x\"\ntrials = \"many\"\n[objective]\nbuiltin = \"toy\"\n", "s.toml:2: 'trials' must be an integer", "string"),
        ("name = \"x\"\n", "'objective' is required", ""),
        ("name = \"x\"\n[objective]\nbuiltin = \"nope\"\n", "s.toml:3: 'objective.builtin' must be one of", "got 'nope'"),
        ("name = \"x\"\n[objective]\ncommand = []\n", "'objective.command' must be a non-empty array", ""),
        ("name = \"x\"\n[objective]\nbuiltin = \"toy\"\n[params]\nlr = { type = \"float\", low = 1, high = 0 }\n", "s.toml:5: parameter 'lr'", "low must be <= high"),
    ])
    func brokenStudyFilesNameFileLineAndKey(text: String, message: String, detail: String) async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try write(text, to: "s.toml", in: dir)
        let r = try await SweepProcess.run(["run", "s.toml"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        if !detail.isEmpty { #expect(r.stderr.contains(detail), "\(r.stderr)") }
    }

    @Test func aStudyKilledMidwayCompletesWhenRunAgain() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try write(
            """
            #!/usr/bin/env bash
            for s in 0 1 2 3 4 5; do echo "{\\"step\\": $s, \\"value\\": $(( SWEEP_TRIAL + s ))}"; sleep 0.1; done
            """, to: "slow.sh", in: dir, executable: true)
        try write(
            """
            name = "crash"
            trials = 12
            workers = 3
            pruner = "nop"
            sampler = "random"
            heartbeat_timeout = 1
            [objective]
            command = ["./slow.sh"]
            [params]
            x = "float:0:1"
            """, to: "study.toml", in: dir)
        let process = Process()
        process.executableURL = SweepProcess.binary
        process.arguments = ["run", "study.toml"]
        process.currentDirectoryURL = dir
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Killed once some trials are done and others run.
        try await SweepProcess.signal(process, SIGKILL) {
            let states = SweepProcess.trialStates(in: dir)
            return states.contains("complete") && states.contains("running")
        }
        let before = try JSONSerialization.jsonObject(
            with: Data(try await SweepProcess.run(["trials", "--json", "--curves"], in: dir).stdout.utf8)) as? [[String: Any]] ?? []
        let completedBefore = before.filter { $0["state"] as? String == "complete" }
        #expect(!completedBefore.isEmpty)
        #expect(before.contains { $0["state"] as? String == "running" }, "the kill should leave trials running")
        try await Task.sleep(for: .milliseconds(1200))  // let their heartbeats go stale
        let r = try await SweepProcess.run(["run", "study.toml", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let after = try JSONSerialization.jsonObject(
            with: Data(try await SweepProcess.run(["trials", "--json", "--curves"], in: dir).stdout.utf8)) as? [[String: Any]] ?? []
        #expect(after.filter { $0["state"] as? String == "complete" }.count == 12)
        #expect(!after.contains { $0["state"] as? String == "running" })
        // Unique numbers, and every trial completed before the crash is intact, reports and all.
        #expect(Set(after.compactMap { $0["number"] as? Int }).count == after.count)
        for old in completedBefore {
            let same = after.first { $0["number"] as? Int == old["number"] as? Int }
            #expect(same?["value"] as? Double == old["value"] as? Double)
            let oldCurve = (old["metrics"] as? [String: Any])?["value"] as? [[Double]]
            let newCurve = (same?["metrics"] as? [String: Any])?["value"] as? [[Double]]
            #expect(oldCurve == newCurve && oldCurve?.count == 6)
        }
    }
}
