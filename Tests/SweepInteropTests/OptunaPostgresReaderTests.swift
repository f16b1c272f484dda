import Foundation
import SweepCore
import SweepPostgres
import Testing

@testable import SweepInterop

/// The PostgreSQL server of the tests, when one is set up.
enum OptunaPostgres {
    static var server: String? { ProcessInfo.processInfo.environment["SWEEP_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 } }
}

/// Studies Optuna 5.0.0 wrote to PostgreSQL (`RDBStorage` on `postgresql://`, through psycopg2)
/// come into Sweep with every field, on a database of the test's own. Runs when
/// `SWEEP_TEST_POSTGRES` names a server (`eval "$(scripts/postgres start)"`); with `CI=true` it
/// must run, and fails when the variable is missing.
@Suite(
    .enabled(
        if: OptunaPython.isEnabled && (OptunaPostgres.server != nil || ProcessInfo.processInfo.environment["CI"] == "true"),
        "needs python3 with optuna 5.0.0 and psycopg2, and SWEEP_TEST_POSTGRES (CI makes them required)"),
    .timeLimit(.minutes(10)))
struct OptunaPostgresReaderTests {
    /// Runs `body` with the URL of a new, empty database, dropped afterwards.
    static func withDatabase(_ body: (String) async throws -> Void) async throws {
        let server = try PostgresURL(try #require(OptunaPostgres.server, "CI=true but SWEEP_TEST_POSTGRES is not set"))
        let name = "sweep_optuna_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await PostgresStorage.createDatabase(name, on: server)
        let password = server.password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
        let url = "postgresql://\(server.user)\(password)@\(server.host):\(server.port)/\(name)"
        var failure: (any Error)?
        do { try await body(url) } catch { failure = error }
        try await PostgresStorage.dropDatabase(name, on: server)
        if let failure { throw failure }
    }

    @Test func everyFieldComesOverFromPostgreSQL() async throws {
        try await Self.withDatabase { url in
            // Before Optuna made its tables the database is not an Optuna database.
            await #expect {
                try await OptunaPostgresReader.open(url: url)
            } throws: { error in
                "\(error)".contains("is not an Optuna database: it has no studies, trials and version_info tables")
            }
            try await OptunaPython.make(url)
            let dump = try await OptunaPython.dump(url)
            let reader = try await OptunaPostgresReader.open(url: url)
            #expect(reader.revision == "v3.2.0.a" && reader.libraryVersion == "5.0.0")
            try await OptunaJournalReaderTests.expectImported(reader, dump, names: ["mixed", "maxi", "empty"])
            await #expect(throws: SweepError.unknownStudy("nope")) { try await reader.study(named: "nope") }
            await reader.close()
        }
    }

    @Test func theCommandImportsFromAnOptunaURLWithItsDriver() async throws {
        try await Self.withDatabase { url in
            try await OptunaPython.make(url)
            let scratch = try Scratch()
            defer { scratch.remove() }
            let driver = url.replacingOccurrences(of: "postgresql://", with: "postgresql+psycopg2://")
            let r = try OptunaCommandTests.sweep(["import", "optuna", "--from", driver, "--study", "maxi", "--json"], in: scratch.url)
            #expect(r.status == 0 && r.stdout.contains(#""trials":4"#), "\(r.stdout)\(r.stderr)")
            let multi = try OptunaCommandTests.sweep(["import", "optuna", "--from", url, "--all"], in: scratch.url)
            #expect(multi.status == 64 && multi.stderr.contains("study 'multi' has 2 objectives"), "\(multi.stderr)")
        }
    }
}
