import SweepCore
import SweepTesting
import Testing

@testable import SweepSQLite

/// `SQLiteStorage` keeps every rule of the storage contract, on a new file per check.
@Suite struct SQLiteConformanceTests {
    @Test(arguments: StorageConformance.names)
    func sqliteStorage(_ check: String) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try await StorageConformance.run(check) { try SQLiteStorage(path: dir.path("sweep.db")) }
    }

    /// The same with a `DatabasePool` (a writer and concurrent readers) instead of one connection.
    @Test(arguments: StorageConformance.names)
    func sqliteStorageWithPool(_ check: String) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try await StorageConformance.run(check) { try SQLiteStorage(path: dir.path("sweep.db"), connection: .pool) }
    }
}
