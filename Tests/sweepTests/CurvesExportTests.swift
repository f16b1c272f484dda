import Foundation
import Testing

/// `sweep curves export`: a study's curves as a curve dataset that import and replay read back,
/// or as a long CSV table that pandas (or Python's csv module) reads.
@Suite struct CurvesExportTests {
    static let dataset = """
        {"id": "r0", "group": "g", "params": {"lr": 0.1, "opt": "adam, fast"}, "curve": [0.1, null, 0.5], "metrics": {"loss": [3, 2, 1]}, "labels": {"seed": 4}}
        {"id": "r1", "params": {"lr": 0.01, "layers": 3}, "curve": [0.2, 0.4], "steps": [10, 20]}
        """

    @Test func jsonLinesRoundTripThroughImportAndReplay() async throws {
        try await SweepProcess.withTemporaryDirectory { dir in
            try SweepProcess.write(Self.dataset, to: "runs.jsonl", in: dir)
            #expect(try await SweepProcess.run(["import", "curves", "runs.jsonl", "--study", "old", "--metric", "acc"], in: dir).status == 0)
            let exported = try await SweepProcess.run(
                ["curves", "export", "--study", "old", "--all-metrics", "--format", "jsonl", "--out", "back.jsonl", "--json"], in: dir)
            #expect(exported.status == 0, "\(exported.stderr)")
            #expect(SweepProcess.object(exported)["lines"] as? Int == 2)
            let back = try String(contentsOf: dir.appendingPathComponent("back.jsonl"), encoding: .utf8)
            // The imported ids, groups and labels come back, with the trial's number and state.
            #expect(back.contains(#""id":"r0""#) && back.contains(#""group":"g""#), "\(back)")
            #expect(back.contains(#""labels":{"seed":4.0,"state":"complete","trial":0.0}"#), "\(back)")
            #expect(back.contains(#""curve":[0.1,null,0.5]"#) && back.contains(#""steps":[10,20]"#), "\(back)")
            let again = try await SweepProcess.run(["import", "curves", "back.jsonl", "--study", "again", "--metric", "acc"], in: dir)
            #expect(again.status == 0, "\(again.stderr)")
            // Imported again, the study has the same trials: states, values, parameters and every curve.
            let first = try await Self.trials("old", in: dir)
            let second = try await Self.trials("again", in: dir)
            #expect(first.count == 2 && second.count == 2)
            for (a, b) in zip(first, second) {
                for key in ["state", "value", "params", "metrics"] {
                    #expect(Self.text(a[key]) == Self.text(b[key]), "\(key)")
                }
            }
            let replay = try await SweepProcess.run(["replay", "back.jsonl", "--pruner", "median", "--json"], in: dir)
            #expect(replay.status == 0, "\(replay.stderr)")
            #expect((SweepProcess.object(replay)["trials"] as? [[String: Any]])?.count == 2)
            // One metric alone: its curve.
            let loss = try await SweepProcess.run(["curves", "export", "--study", "old", "--metric", "loss", "--format", "jsonl"], in: dir)
            #expect(loss.stdout.contains(#""curve":[3.0,2.0,1.0]"#) && !loss.stdout.contains("metrics"), "\(loss.stdout)")
        }
    }

    @Test func pandasReadsTheCSVTable() async throws {
        try await SweepProcess.withTemporaryDirectory { dir in
            try SweepProcess.write(Self.dataset, to: "runs.jsonl", in: dir)
            #expect(try await SweepProcess.run(["import", "curves", "runs.jsonl", "--study", "old", "--metric", "acc"], in: dir).status == 0)
            let exported = try await SweepProcess.run(["curves", "export", "--all-metrics", "--format", "csv", "--out", "c.csv"], in: dir)
            #expect(exported.status == 0, "\(exported.stderr)")
            #expect(exported.stdout == "wrote 8 rows of study 'old' to \(dir.appendingPathComponent("c.csv").path)\n")
            let env = URL(fileURLWithPath: "/usr/bin/env")
            guard try await SweepProcess.run(["python3", "-c", "pass"], in: dir, executable: env).status == 0 else {
                // Python itself is missing: only CI must have it.
                #expect(ProcessInfo.processInfo.environment["CI"]?.isEmpty ?? true, "CI needs python3")
                return
            }
            let read = try await SweepProcess.run(["python3", "-c", Self.reader, "c.csv"], in: dir, executable: env)
            #expect(read.status == 0, "\(read.stderr)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [[Any]])
            let expected: [String] = [
                "0 complete 0 acc 0.1 nil 0.1 adam, fast", "0 complete 1 acc nil nil 0.1 adam, fast", "0 complete 2 acc 0.5 nil 0.1 adam, fast",
                "0 complete 0 loss 3.0 nil 0.1 adam, fast", "0 complete 1 loss 2.0 nil 0.1 adam, fast", "0 complete 2 loss 1.0 nil 0.1 adam, fast",
                "1 complete 10 acc 0.2 3.0 0.01 nil", "1 complete 20 acc 0.4 3.0 0.01 nil",
            ]
            #expect(rows.map { $0.map { $0 is NSNull ? "nil" : "\($0)" }.joined(separator: " ") } == expected)
            let csvStdout = try await SweepProcess.run(["curves", "export", "--metric", "nope", "--format", "csv"], in: dir)
            // An unknown metric is bad input that names the ones there are.
            #expect(csvStdout.status == 64 && csvStdout.stderr.contains("its metrics: acc, loss"), "\(csvStdout.stderr)")
            // A folder that does not exist: bad input, and nothing half written.
            let nowhere = try await SweepProcess.run(["curves", "export", "--format", "csv", "--out", "missing/c.csv"], in: dir)
            #expect(nowhere.status == 64 && nowhere.stderr.contains("missing/c.csv"), "\(nowhere.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("partial") }.isEmpty)
        }
    }

    /// Reads the table with pandas (one line) when it is installed, else with the csv module;
    /// prints its rows as JSON, empty cells as null.
    static let reader = """
        import json, math, sys
        cols = ["trial", "state", "step", "metric", "value", "params_layers", "params_lr", "params_opt"]
        def cell(v):
            if isinstance(v, float) and math.isnan(v): return None
            if hasattr(v, "item"): v = v.item()
            return v
        try:
            import pandas
            frame = pandas.read_csv(sys.argv[1])
            assert list(frame.columns) == cols, list(frame.columns)
            rows = [[cell(v) for v in row] for row in frame.itertuples(index=False)]
        except ImportError:
            import csv
            with open(sys.argv[1], newline="") as f:
                reader = csv.reader(f)
                assert next(reader) == cols
                kinds = [int, str, int, str, float, float, float, str]
                rows = [[kind(v) if v != "" else None for kind, v in zip(kinds, row)] for row in reader]
        print(json.dumps(rows))
        """

    static func trials(_ study: String, in dir: URL) async throws -> [[String: Any]] {
        let listed = try await SweepProcess.run(["trials", "--study", study, "--json", "--curves"], in: dir)
        return try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    }

    static func text(_ value: Any?) -> String {
        guard let value, JSONSerialization.isValidJSONObject([value]) else { return "\(String(describing: value))" }
        let data = (try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
