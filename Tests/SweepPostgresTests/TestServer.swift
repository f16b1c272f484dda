import Foundation
import SweepCore
import SweepPostgres
import Synchronization
import Testing

/// The PostgreSQL server the tests use: `SWEEP_TEST_POSTGRES`
/// (`eval "$(scripts/postgres start)"` sets it). Without it the tests that need a server are
/// skipped, except in CI (`CI=true`), where `PostgresServerTests` fails.
enum TestServer {
    static let variable = "SWEEP_TEST_POSTGRES"

    static var text: String? {
        ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var isConfigured: Bool { text != nil }

    static let skipReason: Comment = "SWEEP_TEST_POSTGRES is not set: run eval \"$(scripts/postgres start)\" first"

    static func url() throws -> PostgresURL {
        guard let text else { throw SweepError.invalidArgument("\(variable) is not set") }
        return try PostgresURL(text)
    }

    /// Runs `body` with a new, empty database of its own (so tests run in parallel), and a
    /// factory for storages on it; closes them and drops the database afterwards, also when
    /// `body` throws.
    static func withDatabase(
        _ body: (_ url: PostgresURL, _ make: @escaping @Sendable () async throws -> PostgresStorage) async throws -> Void
    ) async throws {
        let server = try url()
        let name = "sweep_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await PostgresStorage.createDatabase(name, on: server)
        let database = server.with(database: name)
        let made = Opened()
        let make: @Sendable () async throws -> PostgresStorage = {
            let storage = try await PostgresStorage(location: database)
            made.storages.withLock { $0.append(storage) }
            return storage
        }
        var failure: (any Error)?
        do {
            try await body(database, make)
        } catch {
            failure = error
        }
        for storage in made.storages.withLock({ $0 }) { await storage.close() }
        try await PostgresStorage.dropDatabase(name, on: server)
        if let failure { throw failure }
    }
}

/// The storages a test opened, closed when it ends.
private final class Opened: Sendable {
    let storages = Mutex<[PostgresStorage]>([])
}

/// The server itself: CI must have one.
@Suite struct PostgresServerTests {
    @Test func ciHasAServer() {
        let inCI = ProcessInfo.processInfo.environment["CI"] == "true"
        #expect(TestServer.isConfigured || !inCI, "CI=true but \(TestServer.variable) is not set: .ci/run starts scripts/postgres")
    }
}
