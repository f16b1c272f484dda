import Foundation
import SweepCore
import Testing

@testable import SweepInterop

/// `sweep importance` as users run it, on studies imported from an Optuna file that
/// `OptunaWriter` makes (no Python needed): the chart, the JSON, and the exit status of each
/// kind of bad input.
@Suite struct ImportanceCommandTests {
    @Test func theChartPutsTheParameterThatMatteredFirst() throws {
        try Self.withStudies { dir in
            let run = try OptunaCommandTests.sweep(["importance", "--study", "linear"], in: dir)
            #expect(run.status == 0, "\(run.stderr)")
            let lines = run.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "linear: ped-anova on 40 complete trials")
            // x1 first with most of the bar; x2 after it.
            #expect(lines.count == 3)
            #expect(lines.dropFirst().first?.hasPrefix("x1  0.9") == true, "\(run.stdout)")
            #expect(lines.dropFirst().first?.contains(String(repeating: "█", count: 35)) == true, "\(run.stdout)")
            #expect(lines.last?.hasPrefix("x2  0.0") == true, "\(run.stdout)")
        }
    }

    @Test(arguments: ["ped-anova", "fanova"])
    func jsonListsTheImportancesMostImportantFirst(evaluator: String) throws {
        try Self.withStudies { dir in
            let run = try OptunaCommandTests.sweep(["importance", "--study", "linear", "--evaluator", evaluator, "--json"], in: dir)
            #expect(run.status == 0, "\(run.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            #expect(object?["study"] as? String == "linear")
            #expect(object?["evaluator"] as? String == evaluator)
            #expect(object?["trials"] as? Int == 40)
            let entries = object?["importances"] as? [[String: Any]] ?? []
            #expect(entries.map { $0["param"] as? String } == ["x1", "x2"])
            // Normalised, as Optuna's get_param_importances.
            let sum = entries.compactMap { $0["importance"] as? Double }.reduce(0, +)
            #expect(abs(sum - 1) < 1e-9)
        }
    }

    @Test(arguments: [
        (["--study", "linear", "--evaluator", "nope"], Int32(64), "--evaluator must be ped-anova or fanova, got 'nope'"),
        (["--study", "one"], 64, "importances need at least 2 complete trials with a finite value, got 1"),
        (["--study", "bare"], 64, "the complete trials have no parameter to assess"),
        (["--study", "missing"], 66, "missing"),
    ])
    func badInputExitsWithItsStatus(arguments: [String], status: Int32, message: String) throws {
        try Self.withStudies { dir in
            let run = try OptunaCommandTests.sweep(["importance"] + arguments, in: dir)
            #expect(run.status == status, "\(run.stderr)")
            #expect(run.stderr.contains(message), "\(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    /// A folder holding sweep.db with three studies imported from Optuna: "linear" (40 trials of
    /// y = 10·x1 + 0.1·x2), "one" (one complete trial), "bare" (three trials, no parameters).
    static func withStudies(_ body: (URL) throws -> Void) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = scratch.url
        let float = #"{"name": "FloatDistribution", "attributes": {"step": null, "low": -1.0, "high": 1.0, "log": false}}"#
        var generator = SplitMix64(seed: 3)
        let linear = (0..<40).map { n in
            let (a, b) = (generator.nextUnit() * 2 - 1, generator.nextUnit() * 2 - 1)
            return OptunaTrial(
                number: n, state: "COMPLETE",
                params: ["x1": OptunaParam(internalValue: a, distributionJSON: float), "x2": OptunaParam(internalValue: b, distributionJSON: float)],
                values: [0: 10 * a + 0.1 * b])
        }
        let one = [OptunaTrial(number: 0, state: "COMPLETE", params: ["x1": OptunaParam(internalValue: 0.5, distributionJSON: float)], values: [0: 1])]
        let bare = (0..<3).map { OptunaTrial(number: $0, state: "COMPLETE", values: [0: Double($0)]) }
        try OptunaWriter.write(
            [
                OptunaStudy(name: "linear", directions: ["MINIMIZE"], trials: linear),
                OptunaStudy(name: "one", directions: ["MINIMIZE"], trials: one),
                OptunaStudy(name: "bare", directions: ["MAXIMIZE"], trials: bare),
            ], to: dir.appendingPathComponent("optuna.db").path)
        let imported = try OptunaCommandTests.sweep(["import", "optuna", "--from", "optuna.db", "--all"], in: dir)
        guard imported.status == 0 else { throw OptunaPython.Failure(description: "sweep import optuna: \(imported.stderr)") }
        try body(dir)
    }
}
