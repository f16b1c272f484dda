import SweepCore
import SweepPostgres
import SweepTesting
import Testing

/// `PostgresStorage` keeps every rule of the storage contract, on a new database per check.
@Suite(.serialized) struct PostgresConformanceTests {
    @Test(.enabled(if: TestServer.isConfigured, TestServer.skipReason), arguments: StorageConformance.names)
    func postgresStorage(_ check: String) async throws {
        try await TestServer.withDatabase { _, make in
            try await StorageConformance.run(check) { try await make() }
        }
    }
}
