import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A trial driven over HTTP gets the same parameters and the same decisions as one driven with
/// `sweep ask / report / tell`: two studies made alike (same seed, sampler and pruner), the same
/// curves reported, one through the CLI and one through `sweep serve`. On SQLite, and on
/// PostgreSQL when the suite has a server.
@Suite(.timeLimit(.minutes(10))) struct HTTPParityTests {
    /// What each trial of a study got: its x and the step it was pruned at (nil: it completed).
    typealias Course = [(x: Double, pruned: Int?)]

    static let steps = 5

    /// The value a trial with parameter `x` reports at `step`: better x, better curve.
    static func value(_ x: Double, _ step: Int) -> Double { x * Double(step + 1) / Double(steps) }

    @Test func httpAndTheCommandLineDecideAlikeOnSQLite() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await Self.compare(storage: "sqlite:\(dir.appendingPathComponent("sweep.db").path)", in: dir)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["SWEEP_TEST_POSTGRES"].map { !$0.isEmpty } ?? false,
                   "SWEEP_TEST_POSTGRES is not set: run eval \"$(scripts/postgres start)\" first"))
    func httpAndTheCommandLineDecideAlikeOnPostgres() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await Self.compare(storage: ProcessInfo.processInfo.environment["SWEEP_TEST_POSTGRES"]!, in: dir)
    }

    static func compare(storage: String, in dir: URL) async throws {
        let tag = UUID().uuidString.prefix(8).lowercased()
        let (cli, http) = ("cli-\(tag)", "http-\(tag)")
        for name in [cli, http] {
            let made = try await SweepProcess.run(
                ["create", name, "--storage", storage, "--sampler", "random", "--pruner", "median:n_startup_trials=2", "--seed", "7",
                 "--param", "x=float:0:1"], in: dir)
            try #require(made.status == 0, "\(made.stderr)")
        }
        let byCLI = try await Self.driveWithTheCLI(cli, storage: storage, in: dir)
        let (server, _, port) = try await ServeCommandTests.start(["serve", "--storage", storage, "--port", "0"], in: dir)
        defer { if server.isRunning { server.terminate() } }
        let byHTTP = try await Self.driveOverHTTP(http, port: port)
        #expect(byCLI.count == 8 && byHTTP.count == 8)
        #expect(byCLI.map(\.x) == byHTTP.map(\.x), "the same parameters")
        #expect(byCLI.map(\.pruned) == byHTTP.map(\.pruned), "the same decisions: \(byCLI) vs \(byHTTP)")
        #expect(byCLI.contains { $0.pruned != nil } && byCLI.contains { $0.pruned == nil }, "some pruned, some not: \(byCLI)")
        _ = try await ServeCommandTests.stop(server)
    }

    static func driveWithTheCLI(_ study: String, storage: String, in dir: URL) async throws -> Course {
        var course: Course = []
        for _ in 0..<8 {
            let asked = try await SweepProcess.run(["ask", "--study", study, "--storage", storage, "--json"], in: dir)
            let object = try JSONSerialization.jsonObject(with: Data(asked.stdout.utf8)) as? [String: Any] ?? [:]
            let number = object["number"] as? Int ?? -1
            let x = (object["params"] as? [String: Any])?["x"] as? Double ?? .nan
            var pruned: Int?
            for step in 0..<steps {
                let said = try await SweepProcess.run(
                    ["report", "--study", study, "--storage", storage, "--trial", String(number), "--step", String(step),
                     "--value", String(value(x, step))], in: dir)
                if said.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "prune" {
                    pruned = step
                    break
                }
            }
            if pruned == nil {
                _ = try await SweepProcess.run(
                    ["tell", "--study", study, "--storage", storage, "--trial", String(number), "--value", String(value(x, steps - 1))],
                    in: dir)
            }
            course.append((x, pruned))
        }
        return course
    }

    static func driveOverHTTP(_ study: String, port: Int) async throws -> Course {
        var course: Course = []
        let api = "http://127.0.0.1:\(port)/api/studies/\(study)"
        for _ in 0..<8 {
            let asked = try await post("\(api)/ask", "{}")
            let number = asked["number"] as? Int ?? -1
            let x = (asked["params"] as? [String: Any])?["x"] as? Double ?? .nan
            var pruned: Int?
            for step in 0..<steps {
                let said = try await post("\(api)/trials/\(number)/report", "{\"step\": \(step), \"value\": \(value(x, step))}")
                if said["decision"] as? String == "prune" {
                    pruned = step
                    break
                }
            }
            if pruned == nil { _ = try await post("\(api)/trials/\(number)/tell", "{\"value\": \(value(x, steps - 1))}") }
            course.append((x, pruned))
        }
        return course
    }

    static func post(_ address: String, _ body: String) async throws -> [String: Any] {
        var request = URLRequest(url: try #require(URL(string: address)))
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let data: Data = try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, _, error in
                if let error { return continuation.resume(throwing: error) }
                continuation.resume(returning: data ?? Data())
            }.resume()
        }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
