import Foundation
import Testing

/// `sweep bandit`, `sweep route` and the `bandit` objective of `sweep run`, end to end.
@Suite struct BanditCommandTests {
    @Test func aBanditRunPrintsTheJSONScriptsRelyOn() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let r = try await SweepProcess.run(
            ["bandit", "--env", "bernoulli:means=0.1,0.5,0.9", "--agent", "ucb1", "--steps", "500", "--runs", "20", "--json"],
            in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let o = SweepProcess.object(r)
        for key in ["agent", "env", "steps", "runs", "regret_mean", "regret_sd", "optimal_action_fraction", "reward_curve", "regret_curve"] {
            #expect(o[key] != nil, "missing \(key)")
        }
        #expect(o["agent"] as? String == "ucb1")
        #expect((o["reward_curve"] as? [Double])?.count == 500)
        let optimal = try #require(o["optimal_action_fraction"] as? Double)
        #expect(optimal > 0.6, "UCB1 finds the 0.9 arm")
        #expect(o["seed"] as? String == "0", "seeds are strings, as in every --json output")
        let text = try await SweepProcess.run(
            ["bandit", "--env", "bernoulli:means=0.1,0.5,0.9", "--agent", "ucb1", "--steps", "500", "--runs", "20"], in: dir)
        #expect(text.status == 0)
        #expect(text.stdout.contains("regret") && text.stdout.contains("optimal"))
    }

    /// A seed above 2^53 reads back exactly: SweepWire writes it as a string, as every `--json` does.
    @Test(arguments: [
        ["bandit", "--env", "bernoulli:arms=3", "--agent", "ucb1", "--steps", "20", "--runs", "2"],
        ["route", "--samples", "60", "--held-out", "40", "--estimator", "empirical"],
    ])
    func banditAndRouteJSONWriteTheSeedAsAString(command: [String]) async throws {
        let seed = "18446744073709551557"
        let r = try await SweepProcess.run(command + ["--seed", seed, "--json"], in: try SweepProcess.temporaryDirectory())
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 1, "one line of JSON")
        #expect(SweepProcess.object(r)["seed"] as? String == seed, "\(r.stdout.prefix(300))")
        #expect(!r.stdout.contains(#""nan""#) && !r.stdout.contains(#""inf""#), "non-finite numbers are null")
    }

    @Test(arguments: [
        (["--env", "bernoulli:means=0.1,1.5", "--agent", "ucb1"], "means"),
        (["--env", "poisson:arms=3", "--agent", "ucb1"], "poisson"),
        (["--env", "bernoulli:arms=3", "--agent", "oracle"], "oracle"),
        (["--env", "bernoulli:arms=3", "--agent", "ucb1", "--runs", "0"], "runs"),
    ])
    func badBanditInputSaysWhatIsWrong(arguments: [String], mention: String) async throws {
        let r = try await SweepProcess.run(["bandit"] + arguments, in: try SweepProcess.temporaryDirectory())
        #expect(r.status != 0)
        #expect(r.stderr.contains(mention), "\(r.stderr)")
    }

    @Test func routingPrintsTheTableAndAccuracies() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let r = try await SweepProcess.run(["route", "--samples", "600", "--held-out", "200", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let o = SweepProcess.object(r)
        let table = try #require(o["routing_table"] as? [[Int]], "snake_case keys, as every --json output")
        #expect(table.count == 4)
        #expect(table.flatMap { $0 }.reduce(0, +) == 600)
        let csv = "a,b,label\n" + (0..<300).map { i in "\(Double(i % 7) * 0.3),\(Double(i % 3)),\(i % 2 == 0 ? "x" : "y")" }.joined(separator: "\n")
        try SweepProcess.write(csv, to: "data.csv", in: dir)
        let fromCSV = try await SweepProcess.run(["route", "--csv", "data.csv", "--learners", "2", "--samples", "150", "--held-out", "100", "--estimator", "empirical"], in: dir)
        #expect(fromCSV.status == 0, "\(fromCSV.stderr)")
        try SweepProcess.write("a,b,label\n1,2,x\n1,oops,y\n", to: "bad.csv", in: dir)
        let bad = try await SweepProcess.run(["route", "--csv", "bad.csv"], in: dir)
        #expect(bad.status != 0 && bad.stderr.contains("bad.csv:3"), "\(bad.stderr)")
        let tooMany = try await SweepProcess.run(["route", "--csv", "data.csv", "--held-out", "100"], in: dir)
        #expect(tooMany.status != 0 && tooMany.stderr.contains("shared scoring"), "\(tooMany.stderr)")
        let shared = try await SweepProcess.run(["route", "--csv", "data.csv", "--held-out", "100", "--scoring", "shared"], in: dir)
        #expect(shared.status == 0, "\(shared.stderr)")
        let badOption = try await SweepProcess.run(["route", "--estimator", "oracle"], in: dir)
        #expect(badOption.status != 0 && badOption.stderr.contains("--estimator"))
    }

    @Test func theBanditExampleStudyRuns() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let r = try await SweepProcess.run(["run", RunCommandTests.examples.appendingPathComponent("bandit.toml").path, "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let last = r.lines.last ?? ""
        let s = (try? JSONSerialization.jsonObject(with: Data(last.utf8))) as? [String: Any] ?? [:]
        let trials = s["trials"] as? [String: Int] ?? [:]
        #expect((trials["complete"] ?? 0) + (trials["pruned"] ?? 0) == 30)
        #expect((s["best"] as? Double ?? 0) > 0.5)
    }

    @Test func curvesGenerateWritesADeterministicLabelledDataset() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let a = try await SweepProcess.run(["curves", "generate", "--count", "40", "--steps", "200", "--seed", "5", "--out", "a.jsonl"], in: dir)
        #expect(a.status == 0, "\(a.stderr)")
        let b = try await SweepProcess.run(["curves", "generate", "--count", "40", "--steps", "200", "--seed", "5"], in: dir)
        let fileText = try String(contentsOf: dir.appendingPathComponent("a.jsonl"), encoding: .utf8)
        #expect(b.stdout == fileText, "the same seed gives the same curves")
        let lines = fileText.split(separator: "\n")
        #expect(lines.count == 40)
        var agents = Set<String>()
        var arms = Set<Int>()
        for line in lines {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect((o["curve"] as? [Any])?.count == 200)
            #expect(o["direction"] as? String == "maximize")
            let labels = try #require(o["labels"] as? [String: Any])
            for key in ["optimal_mean_reward", "final_smoothed_reward", "max_smoothed_reward", "regret"] {
                #expect(labels[key] is Double || labels[key] is Int, "missing label \(key)")
            }
            let params = try #require(o["params"] as? [String: Any])
            agents.insert(params["agent"] as? String ?? "")
            arms.insert(labels["arms"] as? Int ?? 0)
        }
        #expect(agents.count >= 5, "diverse agents: \(agents)")
        #expect(arms.count >= 5 && arms.allSatisfy { (2...50).contains($0) })
        // The generated curves replay and describe like any dataset.
        let replay = try await SweepProcess.run(["replay", "a.jsonl", "--pruner", "median", "--json"], in: dir)
        #expect(replay.status == 0, "\(replay.stderr)")
        let other = try await SweepProcess.run(["curves", "generate", "--count", "40", "--steps", "200", "--seed", "6"], in: dir)
        #expect(other.stdout != fileText)
        let bad = try await SweepProcess.run(["curves", "generate", "--count", "0"], in: dir)
        #expect(bad.status != 0 && bad.stderr.contains("--count"))
    }
}
