import Foundation
import Testing

/// `sweep al --format text|json|csv` with the bands over seeds, and the band metrics a
/// `sweep run` study of the `active_learning` objective stores.
@Suite struct ActiveLearningBandCommandTests {
    static let args = ["al", "--data", "blobs:n=300,classes=3,spread=1", "--initial", "6", "--batch", "4", "--rounds", "3", "--seeds", "3"]

    /// The CSV has one row per run per round; its per-round median, min and max are the JSON's
    /// median and band (to 1e-12: Foundation's JSONSerialization on Linux reads some doubles a
    /// few ulps off; the library's tests check the CSV's numbers round-trip exactly).
    @Test func csvRowsGiveTheJSONMediansAndBands() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let json = try await SweepProcess.run(Self.args + ["--format", "json"], in: dir)
        #expect(json.status == 0, "\(json.stderr)")
        let o = SweepProcess.object(json)
        let csv = try await SweepProcess.run(Self.args + ["--format", "csv"], in: dir)
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.lines.first == "strategy,run,round,labels,accuracy,loss")
        let rows = csv.lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 3 * 4)
        #expect(rows.allSatisfy { $0.count == 6 && $0[0] == "margin" })
        for round in 0..<4 {
            let at = rows.filter { $0[2] == String(round) }
            #expect(at.map { $0[1] } == ["0", "1", "2"])
            #expect(Set(at.map { $0[3] }) == [String(6 + 4 * round)])
            let accuracy = at.compactMap { Double($0[4]) }.sorted(), loss = at.compactMap { Double($0[5]) }.sorted()
            for (key, expected) in [("accuracy", accuracy[1]), ("accuracy_low", accuracy[0]), ("accuracy_high", accuracy[2]),
                                    ("loss", loss[1]), ("loss_low", loss[0]), ("loss_high", loss[2])] {
                let value = (o[key] as? [Double])?[round] ?? .nan
                #expect(abs(value - expected) <= 1e-12 * abs(expected), "\(key)[\(round)]: JSON \(value), CSV \(expected)")
            }
        }
        let text = try await SweepProcess.run(Self.args, in: dir)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.lines.contains("labels  accuracy  runs min-max    log-loss  runs min-max"), "\(text.stdout)")
        #expect(text.lines.allSatisfy { $0.count <= 100 }, "\(text.stdout)")
    }

    @Test(arguments: [
        (["--format", "xml"], "--format must be text, json or csv, got 'xml'"),
        (["--format", "csv", "--json"], "--json and --format csv disagree; give one of them"),
    ])
    func aBadFormatIsRefused(arguments: [String], mention: String) async throws {
        let r = try await SweepProcess.run(["al", "--data", "moons:n=60"] + arguments, in: try SweepProcess.temporaryDirectory())
        #expect(r.status != 0)
        #expect(r.stderr.contains(mention), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    /// A tiny study with 2 runs a trial stores accuracy_low/high and loss_low/high beside the
    /// medians at every round, the band around the median.
    @Test func aStudyWithTwoRunsStoresTheBandMetrics() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try """
            name = "al-band"
            metric = "accuracy"
            trials = 2
            sampler = "random"
            pruner = "nop"
            [objective]
            builtin = "active_learning"
            steps = 2
            [objective.options]
            data = "blobs:n=150,classes=3,spread=1"
            initial = 6
            batch = 4
            runs = 2
            [params]
            C = "float:0.1:10"
            """.write(to: dir.appendingPathComponent("al.toml"), atomically: true, encoding: .utf8)
        let r = try await SweepProcess.run(["run", "al.toml", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let listed = try await SweepProcess.run(["trials", "--json", "--curves"], in: dir)
        let trials = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(trials.count == 2)
        for t in trials {
            let metrics = t["metrics"] as? [String: [[Double]]] ?? [:]
            #expect(Set(metrics.keys) == ["accuracy", "loss", "accuracy_low", "accuracy_high", "loss_low", "loss_high"], "\(metrics.keys)")
            #expect(metrics["accuracy_low"]?.map { $0[0] } == [6, 10, 14])
            for name in ["accuracy", "loss"] {
                let (low, median, high) = (metrics["\(name)_low"] ?? [], metrics[name] ?? [], metrics["\(name)_high"] ?? [])
                #expect(low.count == 3 && median.count == 3 && high.count == 3)
                for i in low.indices where i < median.count && i < high.count {
                    #expect(low[i][1] <= median[i][1] && median[i][1] <= high[i][1])
                }
            }
        }
    }
}
