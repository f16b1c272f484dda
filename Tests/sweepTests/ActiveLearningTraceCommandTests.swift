import Foundation
import Testing

/// `sweep al --trace N` and the `trace` option of the `active_learning` objective, end to end.
@Suite struct ActiveLearningTraceCommandTests {
    /// `--json` holds every run's traced points with their class probabilities per round; the
    /// text shows the first run's points as sparklines of the true class's probability.
    @Test func tracesInJSONAndText() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let args = ["al", "--data", "blobs:n=150,classes=3,spread=0.5", "--initial", "3", "--batch", "3", "--rounds", "4", "--seeds", "2", "--trace", "3"]
        let r = try await SweepProcess.run(args + ["--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let traces = SweepProcess.object(r)["traces"] as? [[String: Any]] ?? []
        #expect(traces.count == 6)
        #expect(traces.map { $0["run"] as? Int } == [0, 0, 0, 1, 1, 1])
        #expect(traces.prefix(3).map { $0["label"] as? Int } == [0, 1, 2])
        #expect(traces.allSatisfy { $0["row"] is Int && $0["class"] is String })
        let p = traces.first?["probabilities"] as? [[Double]] ?? []
        #expect(p.count == 5 && p.allSatisfy { $0.count == 3 && abs($0.reduce(0, +) - 1) < 1e-9 })
        let text = try await SweepProcess.run(args, in: dir)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("p(true class) of traced test points, run 0"), "\(text.stdout)")
        let rows = traces.prefix(3).compactMap { $0["row"] as? Int }
        #expect(rows.count == 3 && rows.allSatisfy { row in text.lines.contains { $0.hasPrefix("row \(row) class ") } }, "\(text.stdout)")
    }

    @Test(arguments: [
        (["--trace", "-1"], "trace must be at least 0"),
        (["--trace", "60"], "trace 60 is more than the 51 test points"),
        (["--trace", "x"], "--trace"),
    ])
    func badTraceCountsAreRefused(arguments: [String], mention: String) async throws {
        let r = try await SweepProcess.run(["al", "--data", "blobs:n=150,classes=3", "--rounds", "2"] + arguments, in: try SweepProcess.temporaryDirectory())
        #expect(r.status != 0)
        #expect(r.stderr.contains(mention), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
    }

    /// A study with `trace = 2` stores `p_true_0` and `p_true_1` at every round's step beside
    /// accuracy and loss; a bad `trace` is refused when the study is read.
    @Test func aStudyStoresTheTracedMetrics() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let study = """
            name = "traced"
            metric = "accuracy"
            direction = "maximize"
            trials = 2
            [objective]
            builtin = "active_learning"
            steps = 3
            [objective.options]
            data = "blobs:n=150,classes=3,spread=0.5"
            initial = 3
            batch = 3
            runs = 1
            trace = 2
            [params]
            C = "float:0.1:10"
            """
        try study.write(to: dir.appendingPathComponent("study.toml"), atomically: true, encoding: .utf8)
        let run = try await SweepProcess.run(["run", "study.toml"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        for metric in ["p_true_0", "p_true_1"] {
            let curves = try await SweepProcess.run(["curves", "export", "--study", "traced", "--metric", metric, "--format", "jsonl"], in: dir)
            #expect(curves.status == 0, "\(curves.stderr)")
            #expect(curves.lines.count == 2, "\(curves.stdout)")
            for line in curves.lines {
                let o = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
                let values = o["curve"] as? [Double] ?? []
                #expect(values.count == 4 && values.allSatisfy { $0 > 0 && $0 < 1 }, "\(line)")
                #expect(o["steps"] as? [Int] == [3, 6, 9, 12], "\(line)")
            }
        }
        try study.replacingOccurrences(of: "trace = 2", with: "trace = -2").write(to: dir.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        let bad = try await SweepProcess.run(["run", "bad.toml"], in: dir)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("objective.options.trace must be an integer >= 0"), "\(bad.stderr)")
    }
}
