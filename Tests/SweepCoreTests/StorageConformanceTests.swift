import SweepCore
import SweepTesting
import Testing

/// `InMemoryStorage` keeps every rule of the storage contract.
@Suite struct StorageConformanceTests {
    @Test(arguments: StorageConformance.names)
    func inMemoryStorage(_ check: String) async throws {
        try await StorageConformance.run(check) { InMemoryStorage() }
    }

    @Test func checkNamesAreUnique() {
        #expect(Set(StorageConformance.names).count == StorageConformance.checks.count)
        #expect(StorageConformance.checks.count >= 20)
    }
}
