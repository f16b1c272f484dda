import Foundation
import Testing

/// `sweep al` and the `active_learning` objective of `sweep run`, end to end.
@Suite struct ActiveLearningCommandTests {
    /// `--json` holds the strategy, labels after each round, median accuracy and loss, seconds.
    @Test func aRunPrintsTheJSONScriptsRelyOn() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let r = try await SweepProcess.run(
            ["al", "--data", "blobs:n=300,classes=3,spread=1", "--strategy", "entropy", "--initial", "6", "--batch", "4", "--rounds", "5", "--seeds", "3", "--json"],
            in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.lines.count == 1, "one line of JSON")
        let o = SweepProcess.object(r)
        #expect(o["strategy"] as? String == "entropy")
        #expect(o["labels"] as? [Int] == [6, 10, 14, 18, 22, 26])
        #expect((o["accuracy"] as? [Double])?.count == 6 && (o["loss"] as? [Double])?.count == 6)
        #expect((o["accuracy"] as? [Double])?.last ?? 0 > 0.8)
        #expect(o["seconds"] is Double && o["selection_seconds_per_round"] is Double)
        #expect((o["runs"] as? [[String: Any]])?.count == 3)
        #expect(o["seed"] as? String == "0")
        let text = try await SweepProcess.run(["al", "--data", "moons:n=200", "--rounds", "3", "--batch", "5"], in: dir)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("labels  accuracy  runs min-max    log-loss  runs min-max") && text.stdout.contains("margin on moons"))
    }

    /// A CSV file: the column named label is the class; a bad field is named with file and line.
    @Test func csvFilesAndTheirErrors() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        var text = "x1,label,x2\n"
        for i in 0..<120 { text += "\(Double(i % 7) / 7),\(i % 2 == 0 ? "even" : "odd"),\(Double(i % 2) + Double(i % 5) / 10)\n" }
        try text.write(to: dir.appendingPathComponent("pool.csv"), atomically: true, encoding: .utf8)
        let r = try await SweepProcess.run(["al", "--data", "pool.csv", "--initial", "4", "--batch", "4", "--rounds", "3", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect((SweepProcess.object(r)["accuracy"] as? [Double])?.last == 1, "the label is x2's integer part")
        try "a,label\n1,x\n2,y\nthree,x\n".write(to: dir.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let bad = try await SweepProcess.run(["al", "--data", "bad.csv"], in: dir)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("bad.csv:4: column 1: expected a number, got 'three'"), "\(bad.stderr)")
    }

    @Test(arguments: [
        (["--data", "moons", "--strategy", "uncertain"], "unknown strategy 'uncertain'"),
        (["--data", "moons:n=40", "--batch", "100"], "batch 100 is larger than"),
        (["--data", "moons:n=40", "--initial", "100"], "initial labels 100 are more than"),
        (["--data", "moons", "--model", "svm"], "unknown model 'svm'"),
        (["--data", "/nonexistent/pool.csv"], "/nonexistent/pool.csv"),
        (["--data", "moons", "--rounds", "500"], "use fewer rounds"),
    ])
    func badInputSaysWhatIsWrong(arguments: [String], mention: String) async throws {
        let r = try await SweepProcess.run(["al"] + arguments, in: try SweepProcess.temporaryDirectory())
        #expect(r.status != 0)
        #expect(r.stderr.contains(mention), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
    }

    @Test func theActiveLearningExampleStudyRuns() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let r = try await SweepProcess.run(["run", RunCommandTests.examples.appendingPathComponent("active_learning.toml").path, "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let s = (try? JSONSerialization.jsonObject(with: Data((r.lines.last ?? "").utf8))) as? [String: Any] ?? [:]
        let trials = s["trials"] as? [String: Int] ?? [:]
        #expect((trials["complete"] ?? 0) + (trials["pruned"] ?? 0) == 24)
        #expect((trials["pruned"] ?? 0) > 0, "the median pruner stops weak strategies")
        #expect((s["best"] as? Double ?? 0) > 0.9)
    }
}

/// `sweep al train-policy` and `--strategy policy:file=P`, end to end.
@Suite struct TrainPolicyCommandTests {
    @Test func aTrainedPolicyIsSavedAndRuns() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let train = try await SweepProcess.run(
            ["al", "train-policy", "--data", "blobs:n=200,classes=3,spread=2", "--data", "moons:n=200", "--episodes", "4", "--rounds", "3",
             "--initial", "6", "--batch", "4", "--candidates", "12", "--hidden", "4", "--out", "policy.json", "--json"], in: dir)
        #expect(train.status == 0, "\(train.stderr)")
        let o = SweepProcess.object(train)
        #expect((o["episodes"] as? [[String: Any]])?.count == 4)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("policy.json").path))
        let run = try await SweepProcess.run(
            ["al", "--data", "xor:n=300", "--strategy", "policy:file=policy.json", "--initial", "6", "--batch", "4", "--rounds", "3", "--json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(SweepProcess.object(run)["labels"] as? [Int] == [6, 10, 14, 18])
        let missing = try await SweepProcess.run(["al", "--data", "moons", "--strategy", "policy:file=nope.json"], in: dir)
        #expect(missing.status != 0 && missing.stderr.contains("nope.json"), "\(missing.stderr)")
    }
}

/// `sweep al influence`, end to end.
@Suite struct InfluenceCommandTests {
    @Test func influencePrintsEveryLabelledPoint() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let r = try await SweepProcess.run(
            ["al", "influence", "--data", "blobs:n=200,classes=3", "--initial", "6", "--batch", "4", "--rounds", "3", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let o = SweepProcess.object(r)
        let points = try #require(o["points"] as? [[String: Any]])
        #expect(points.count == 18 && o["labels"] as? Int == 18)
        let changes = points.compactMap { $0["loss_change"] as? Double }
        #expect(changes == changes.sorted(by: >), "most helpful first")
        let text = try await SweepProcess.run(["al", "influence", "--data", "moons:n=200", "--rounds", "2", "--top", "3"], in: dir)
        #expect(text.status == 0 && text.stdout.contains("loss change") && text.stdout.contains("..."), "\(text.stdout)")
    }
}
