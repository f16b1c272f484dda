import Foundation
import Testing

/// `sweep import curves`: a curve dataset becomes a study of finished trials.
@Suite struct ImportCurvesTests {
    @Test func aDatasetBecomesFinishedTrials() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try SweepProcess.write(
            """
            {"id": "r0", "group": "g1", "params": {"lr": 0.1, "layers": 2, "opt": "adam"}, "curve": [0.1, 0.3, 0.5], "metrics": {"loss": [3, 2, 1]}, "labels": {"seed": 4}}
            {"id": "r1", "params": {"lr": 0.01, "layers": 3, "opt": "sgd"}, "curve": [0.2, 0.4], "steps": [10, 20]}
            {"id": "r2", "params": {"lr": 0.5, "layers": 1, "opt": "adam"}, "curve": [null]}
            """, to: "runs.jsonl", in: dir)
        let r = try await SweepProcess.run(["import", "curves", "runs.jsonl", "--study", "old", "--value", "mean_last:2", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(SweepProcess.object(r)["trials"] as? Int == 3 && SweepProcess.object(r)["reports"] as? Int == 9)
        let listed = try await SweepProcess.run(["trials", "--study", "old", "--json", "--curves"], in: dir)
        let trials = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(trials.map { $0["state"] as? String } == ["complete", "complete", "failed"], "no value: failed")
        #expect(abs((trials[0]["value"] as? Double ?? 0) - 0.4) < 1e-12 && abs((trials[1]["value"] as? Double ?? 0) - 0.3) < 1e-12)
        #expect((trials[0]["params"] as? [String: Any])?["layers"] as? Int == 2, "whole numbers are integers")
        #expect((trials[0]["params"] as? [String: Any])?["opt"] as? String == "adam")
        let metrics = trials[0]["metrics"] as? [String: [[Double]]] ?? [:]
        #expect(metrics["loss"] == [[0, 3], [1, 2], [2, 1]], "more curves at the same steps")
        #expect((trials[1]["metrics"] as? [String: [[Double]]])?["value"] == [[10, 0.2], [20, 0.4]], "steps kept")
        let attrs = trials[0]["user_attrs"] as? [String: Any] ?? [:]
        #expect(attrs["source_id"] as? String == "r0" && attrs["group"] as? String == "g1")
        let again = try await SweepProcess.run(["import", "curves", "runs.jsonl", "--study", "old"], in: dir)
        #expect(again.status == 73 && again.stderr.contains("already exists"), "\(again.stderr)")
    }

    @Test func aBadFileWritesNothing() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try SweepProcess.write("{\"id\": \"a\", \"curve\": [1]}\n{\"id\": \"a\", \"curve\": [2]}\n", to: "twice.jsonl", in: dir)
        let r = try await SweepProcess.run(["import", "curves", "twice.jsonl", "--study", "s"], in: dir)
        #expect(r.status != 0 && r.stderr.contains("twice.jsonl") && r.stderr.contains("appears twice"), "\(r.stderr)")
        let studies = try await SweepProcess.run(["studies"], in: dir)
        #expect(!studies.stdout.contains("s\t"), "\(studies.stdout)")
        let empty = try await SweepProcess.run(["import", "curves", "missing.jsonl", "--study", "s"], in: dir)
        #expect(empty.status != 0 && empty.stderr.contains("missing.jsonl"))
    }
}
