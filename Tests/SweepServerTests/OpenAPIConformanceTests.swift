import Foundation
import SweepCore
import SweepSQLite
import Testing

/// Where schemathesis (PyPI; CI installs it) is on the PATH, if it is.
private let schemathesisPath: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").lazy
    .map { "\($0)/schemathesis" }.first { FileManager.default.isExecutableFile(atPath: $0) }

/// `/openapi.json` checked against the running server by a property-based tool: schemathesis
/// generates requests from the document (valid ones, and ones the document forbids), sends them to
/// `sweep serve` over a throwaway SQLite study, and checks every answer: no 500, every status and
/// body as the document says, forbidden input refused, allowed input accepted, 405 with `Allow`
/// for a method a path does not take. Writes (ask, report, tell, enqueue, notes) run too.
@Suite(
    .enabled(if: schemathesisPath != nil || ProcessInfo.processInfo.environment["CI"] == "true",
             "schemathesis is not installed (pip install schemathesis==4.32.5); CI installs it"),
    .timeLimit(.minutes(10)))
struct OpenAPIConformanceTests {
    @Test func schemathesisFindsNoAnswerTheDocumentDoesNotDescribe() async throws {
        let binary = try #require(schemathesisPath, "CI=true but schemathesis is not installed: .ci/run installs it")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-openapi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Complete, pruned, failed and running trials with curves, notes and a prune reason; a
        // study without trials; names that need escaping.
        let storage = try SQLiteStorage(path: folder.appendingPathComponent("sweep.db").path)
        try await Self.copy(try HostileStudy.storage(), into: storage)
        try await Self.copy(try await ServerTests.storage(), into: storage)
        // Questions waiting on demo's running trial, for the answer route (ids 1 to 12).
        let demo = try await storage.study(named: "demo")
        let running = try await storage.trials(study: demo.id, states: [.running]).first!
        for step in 0..<12 { _ = try await storage.openCheckpoint(trial: running.id, step: step, brief: "step \(step)", timeout: 600) }
        let config = folder.appendingPathComponent("schemathesis.toml")
        try Self.config.write(to: config, atomically: true, encoding: .utf8)
        try await ServerTests.serving(storage) { port in
            let (status, output) = try await Self.run(binary, in: folder, [
                "--config-file", config.path, "--no-color", "run", "http://127.0.0.1:\(port)/openapi.json",
                "--checks", "all", "--max-examples", "25", "--generation-deterministic", "--workers", "1",
                "--phases", "examples,coverage,fuzzing,stateful", "--request-timeout", "20", "--suppress-health-check", "all",
            ])
            #expect(output.contains("Test cases:"), "schemathesis did not run:\n\(output.suffix(4_000))")
            #expect(status == 0, "schemathesis found the server and /openapi.json disagreeing:\n\(output.suffix(12_000))")
            // A warning means part of the API went untested (a dictionary the schema refuses, only 404s).
            #expect(Self.unexpectedWarnings(output).isEmpty, "schemathesis warned:\n\(output.suffix(4_000))")
        }
    }

    /// The warnings section of schemathesis's output without the one warning expected: labels
    /// drawn from the body's schema mostly name trials the study does not have, or one trial
    /// twice, which the route refuses as it must (the document cannot say which numbers exist).
    static func unexpectedWarnings(_ output: String) -> String {
        guard let start = output.range(of: "= WARNINGS =") else { return "" }
        let section = output[start.upperBound...].prefix { _ in true }
        let end = section.range(of: "= SUMMARY =")?.lowerBound ?? section.endIndex
        var text = String(section[..<end])
        let expected = "Schema validation mismatch: 1 operation mostly rejected generated data due to validation errors, "
            + "indicating schema constraints don't match API validation\n\n  - POST /api/studies/{name}/labels\n\n"
            + "💡 Check your schema constraints - API validation may be stricter than documented"
        text = text.replacingOccurrences(of: expected, with: "")
        return text.trimmingCharacters(in: CharacterSet(charactersIn: "=\n "))
    }

    /// Real study names and trial numbers for the paths most of the time (a generated name is
    /// almost always an unknown study), generated ones the rest. Enqueue takes the parameters of
    /// the study's space, which the document cannot name: a 400 for a name it does not have is
    /// right there.
    /// A label on one trial twice is a 400 the schema cannot express (first and second must differ).
    static let config = """
        [dictionaries.studies]
        values = ["demo", \(tomlString(HostileStudy.name)), "<b>x&y</b>"]
        [dictionaries.trials]
        values = [0, 1, 2, 3, 4, 5, 6]
        [dictionaries.checkpoints]
        values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
        [parameters]
        "path.name" = { dictionary = "studies", probability = 0.85 }
        "path.number" = { dictionary = "trials", probability = 0.8 }
        "path.id" = { dictionary = "checkpoints", probability = 0.85 }

        [[operations]]
        include-path = "/api/studies/{name}/enqueue"
        checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "404", "409"]

        [[operations]]
        include-path = "/api/studies/{name}/labels"
        checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "404"]
        """

    private static func tomlString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Every study of `source` written into `target`: its trials (parameters, curves, attributes,
    /// notes, end) in number order, and its notes.
    static func copy(_ source: InMemoryStorage, into target: any Storage) async throws {
        for summary in try source.studies() {
            let study = try await target.createStudy(summary.record.config)
            for note in summary.record.notes { try await target.addStudyNote(study: study.id, note: note) }
            for trial in try source.trials(study: summary.record.id, states: nil) {
                let copy = try await target.createTrial(
                    study: study.id,
                    draft: TrialDraft(params: trial.params, distributions: trial.distributions, userAttributes: trial.userAttributes,
                                      systemAttributes: trial.systemAttributes, started: trial.started))
                var steps: [Int: [String: Double]] = [:]
                for (metric, curve) in trial.metrics {
                    for (step, value) in curve.sortedPairs { steps[step, default: [:]][metric] = value }
                }
                try await target.report(trial: copy.id, steps: steps.keys.sorted().map { StepReport(step: $0, metrics: steps[$0] ?? [:]) })
                for note in trial.notes { try await target.addTrialNote(trial: copy.id, note: note) }
                if trial.state.isFinished {
                    _ = try await target.finishTrial(trial: copy.id, state: trial.state, value: trial.value, finished: trial.finished ?? Date())
                }
            }
        }
    }

    /// Runs `binary` in `folder` to its end; its exit status and output (standard output and
    /// error, through a file in the folder).
    static func run(_ binary: String, in folder: URL, _ arguments: [String]) async throws -> (Int32, String) {
        let output = folder.appendingPathComponent("schemathesis.out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let file = try FileHandle(forWritingTo: output)
        process.standardOutput = file
        process.standardError = file
        let status = try await process.exitStatus()
        return (status, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }
}
