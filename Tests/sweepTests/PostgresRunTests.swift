import Foundation
import SweepPostgres
import Testing

/// `sweep run` and the reading commands on `--storage postgres://...`, end to end, on a database
/// of the test's own (`SWEEP_TEST_POSTGRES` names the server; without it the test is skipped).
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["SWEEP_TEST_POSTGRES"].map { !$0.isEmpty } ?? false,
        "SWEEP_TEST_POSTGRES is not set: run eval \"$(scripts/postgres start)\" first"),
    .timeLimit(.minutes(10)))
struct PostgresRunTests {
    static let toy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/toy.toml")

    @Test func theToyExampleRunsOnPostgreSQL() async throws {
        let server = try PostgresURL(ProcessInfo.processInfo.environment["SWEEP_TEST_POSTGRES"] ?? "")
        let name = "sweep_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await PostgresStorage.createDatabase(name, on: server)
        let storage = server.with(database: name)
        let url = "postgres://\(storage.user)@\(storage.host):\(storage.port)/\(name)"
        var failure: (any Error)?
        do {
            try await runTheToy(url)
        } catch {
            failure = error
        }
        try await PostgresStorage.dropDatabase(name, on: server)
        if let failure { throw failure }
    }

    /// Runs the toy study on `url` twice and reads it from another process.
    private func runTheToy(_ url: String) async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let run = try await SweepProcess.run(["run", Self.toy.path, "--storage", url, "--json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let summary = (try? JSONSerialization.jsonObject(with: Data((run.lines.last ?? "").utf8))) as? [String: Any] ?? [:]
        let trials = summary["trials"] as? [String: Int] ?? [:]
        #expect((trials["complete"] ?? 0) + (trials["pruned"] ?? 0) == 40, "\(run.stdout)")
        #expect((summary["best"] as? Double ?? 0) > 0.8)
        // Another process reads the same study from the database.
        let studies = try await SweepProcess.run(["studies", "--storage", url], in: dir)
        #expect(studies.status == 0, "\(studies.stderr)")
        #expect(studies.stdout.contains("toy"), "\(studies.stdout)")
        // Running it again finds the study complete and adds nothing.
        let again = try await SweepProcess.run(["run", Self.toy.path, "--storage", url, "--json"], in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        let t2 = ((try? JSONSerialization.jsonObject(with: Data((again.lines.last ?? "").utf8))) as? [String: Any])?["trials"]
            as? [String: Int] ?? [:]
        #expect((t2["complete"] ?? 0) + (t2["pruned"] ?? 0) == 40)
    }

    @Test func aMissingDatabaseIsAClearError() async throws {
        let server = try PostgresURL(ProcessInfo.processInfo.environment["SWEEP_TEST_POSTGRES"] ?? "")
        let url = "postgres://\(server.user)@\(server.host):\(server.port)/sweep_cli_no_such_database"
        let r = try await SweepProcess.run(["studies", "--storage", url], in: try SweepProcess.temporaryDirectory())
        #expect(r.status != 0)
        #expect(r.stderr.contains("database 'sweep_cli_no_such_database' does not exist"), "\(r.stderr)")
    }
}
