import Foundation
import Testing

@Suite struct ReplayCommandTests {
    @Test func replayPrintsTheJSONScriptsRelyOn() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        var lines: [String] = []
        for i in 0..<12 {
            let curve = (0..<10).map { step in Double(i % 4) * 0.1 + Double(step) * 0.01 }
            lines.append(#"{"id": "t\#(i)", "curve": [\#(curve.map { "\($0)" }.joined(separator: ","))]}"#)
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: dir.appendingPathComponent("c.jsonl"))
        let r = try await SweepProcess.run(["replay", "c.jsonl", "--pruner", "median", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let o = SweepProcess.object(r)
        #expect(o["pruner"] as? String == "median")
        #expect((o["trials"] as? [[String: Any]])?.count == 12)
        #expect(o["best_kept"] as? Bool == true)
        let fraction = try #require(o["steps_used_fraction"] as? Double)
        #expect(fraction > 0 && fraction < 1)
        #expect(o["normalized_regret"] as? Double == 0)
    }

    @Test func severalStudiesAndShufflesGiveTheJudgeTable() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        for name in ["a", "b"] {
            var lines: [String] = []
            for i in 0..<10 {
                let curve = (0..<8).map { step in Double(i % 3) * 0.1 + Double(step) * 0.01 }
                lines.append(#"{"id": "\#(name)\#(i)", "curve": [\#(curve.map { "\($0)" }.joined(separator: ","))]}"#)
            }
            try Data(lines.joined(separator: "\n").utf8).write(to: dir.appendingPathComponent("\(name).jsonl"))
        }
        let args = ["replay", "a.jsonl", "b.jsonl", "--pruner", "nop", "--pruner", "median", "--shuffles", "2"]
        let r = try await SweepProcess.run(args + ["--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let o = SweepProcess.object(r)
        let judges = try #require(o["judges"] as? [[String: Any]])
        #expect(judges.map { $0["pruner"] as? String } == ["nop", "median"])
        #expect(judges.allSatisfy { $0["replays"] as? Int == 6 })
        #expect(judges[0]["best_kept_rate"] as? Double == 1)
        // Parallel curves: the median pruner keeps the best with fewer steps, so it dominates nop.
        #expect(judges[1]["best_kept_rate"] as? Double == 1)
        #expect(judges.map { $0["pareto"] as? Bool } == [false, true])
        let text = try await SweepProcess.run(args, in: dir)
        #expect(text.status == 0)
        #expect(text.stdout.contains("2 studies × 3 orders"))
        #expect(text.stdout.contains("best kept") && text.stdout.contains("pareto"))
    }

    /// `--value` scores regret on a robust value: a trial whose last report is a lucky spike is not
    /// the best by the mean of its last reports, so a judge that stops it keeps the best.
    @Test func theValueRuleDecidesWhichTrialIsBest() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try SweepProcess.write(
            """
            {"id": "steady", "curve": [0.1, 0.5, 0.6, 0.6, 0.6]}
            {"id": "spike", "curve": [0.1, 0.2, 0.2, 0.2, 0.9]}
            """, to: "c.jsonl", in: dir)
        let last = SweepProcess.object(try await SweepProcess.run(["replay", "c.jsonl", "--pruner", "nop", "--json"], in: dir))
        let mean = try await SweepProcess.run(["replay", "c.jsonl", "--pruner", "nop", "--value", "mean_last:3", "--json"], in: dir)
        #expect(mean.status == 0, "\(mean.stderr)")
        let finals = { (o: [String: Any]) in (o["trials"] as? [[String: Any]] ?? []).map { $0["final"] as? Double ?? .nan } }
        #expect(finals(last) == [0.6, 0.9])
        let robust = finals(SweepProcess.object(mean))
        #expect(abs(robust[0] - 0.6) < 1e-12 && abs(robust[1] - 1.3 / 3) < 1e-12, "\(robust)")
        let bad = try await SweepProcess.run(["replay", "c.jsonl", "--pruner", "nop", "--value", "median"], in: dir)
        #expect(bad.status != 0 && bad.stderr.contains("value 'median' is not one of last, mean_last:K, best, auc"), "\(bad.stderr)")
    }

    /// Lines of one group (seed repetitions) replay as one trial of their mean curve, and its
    /// steps count once per repetition.
    @Test func aGroupOfSeedsIsOneTrial() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try SweepProcess.write(
            """
            {"id": "a-0", "group": "a", "curve": [0.1, 0.4, 0.4]}
            {"id": "a-1", "group": "a", "curve": [0.3, 0.6, 0.8]}
            {"id": "b-0", "group": "b", "curve": [0.5, 0.5, 0.5]}
            {"id": "b-1", "group": "b", "curve": [0.5, 0.5, 0.5]}
            """, to: "g.jsonl", in: dir)
        let r = try await SweepProcess.run(["replay", "g.jsonl", "--pruner", "nop", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let trials = SweepProcess.object(r)["trials"] as? [[String: Any]] ?? []
        #expect(trials.map { $0["id"] as? String } == ["a", "b"])
        #expect(abs((trials.first?["final"] as? Double ?? 0) - 0.6) < 1e-12, "the mean of 0.4 and 0.8")
        #expect(trials.map { $0["total_steps"] as? Int } == [6, 6], "\(trials)")
    }

    @Test func badJudgeBenchmarkInput() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try Data(#"{"id": "a", "curve": [1, 2]}"#.utf8).write(to: dir.appendingPathComponent("a.jsonl"))
        let negative = try await SweepProcess.run(["replay", "a.jsonl", "--pruner", "median", "--shuffles", "-1"], in: dir)
        #expect(negative.status != 0 && negative.stderr.contains("--shuffles"))
        let missing = try await SweepProcess.run(["replay", "a.jsonl", "nope.jsonl", "--pruner", "median"], in: dir)
        #expect(missing.status != 0 && missing.stderr.contains("nope.jsonl"))
    }

    /// Curves that are all empty or all null have no best trial: refused, not "best kept yes (-)".
    @Test(arguments: [#"{"id": "a", "curve": []}"#, #"{"id": "a", "curve": [null, null]}"#])
    func curvesWithoutAFinalValueAreRefused(line: String) async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try SweepProcess.write(line + "\n" + line.replacingOccurrences(of: #""a""#, with: #""b""#) + "\n", to: "c.jsonl", in: dir)
        let r = try await SweepProcess.run(["replay", "c.jsonl", "--pruner", "median"], in: dir)
        #expect(r.status != 0, "\(r.stdout)")
        #expect(r.stderr.contains("c.jsonl: no curve has a final value"), "\(r.stderr)")
        #expect(!r.stdout.contains("best kept"))
    }

    @Test func commandJudgesReplayLikeAnyPruner() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        var lines: [String] = []
        for i in 0..<12 {
            // Flat bad trials and rising good ones: the example judge stops the flat ones.
            let flat = i % 3 == 0
            let curve: [Double] = (0..<30).map { (step: Int) -> Double in
                flat ? 0.1 + 0.001 * Double(step % 2) : 0.2 + Double(step) * 0.02 + Double(i) * 0.001
            }
            lines.append(#"{"id": "t\#(i)", "curve": [\#(curve.map { "\($0)" }.joined(separator: ","))]}"#)
        }
        try SweepProcess.write(lines.joined(separator: "\n"), to: "c.jsonl", in: dir)
        let judge = RunCommandTests.examples.appendingPathComponent("judges/plateau_judge.py").path
        let r = try await SweepProcess.run(
            ["replay", "c.jsonl", "--pruner", "command:format=json,interval_steps=10,run=python3 \(judge)", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let o = SweepProcess.object(r)
        let trials = try #require(o["trials"] as? [[String: Any]])
        let pruned = trials.filter { !($0["pruned_at"] is NSNull) }.compactMap { $0["id"] as? String }
        #expect(pruned.count >= 2 && pruned.allSatisfy { ["t3", "t6", "t9"].contains($0) }, "pruned \(pruned)")
        #expect(o["best_kept"] as? Bool == true)
        // A judge that hangs or prints garbage keeps everything (and the replay still ends).
        for bad in ["command:timeout=0.2,interval_steps=15,run=sleep 5", "command:run=echo no idea"] {
            let g = try await SweepProcess.run(["replay", "c.jsonl", "--pruner", bad, "--json"], in: dir)
            #expect(g.status == 0, "\(g.stderr)")
            #expect(SweepProcess.object(g)["steps_used_fraction"] as? Double == 1)
        }
    }
}
