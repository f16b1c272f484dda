import Foundation
import SweepCore
import Testing

/// The suite every `Storage` passes: each rule of `Storage`'s documentation as a named check.
///
/// A storage's tests run every check on a fresh storage, for example:
///
/// ```swift
/// @Test(arguments: StorageConformance.names)
/// func conforms(_ check: String) async throws {
///     try await StorageConformance.run(check) { InMemoryStorage() }
/// }
/// ```
///
/// Checks record failures with `#expect` / `#require`, so they run inside a Swift Testing test.
public enum StorageConformance {
    /// Makes a new, empty storage. A check calls it once.
    public typealias Factory = () async throws -> any Storage

    /// One rule of the storage contract.
    public struct Check: Sendable, CustomStringConvertible {
        /// A short stable name, such as `feed.cursor`.
        public let name: String
        let body: @Sendable (Factory) async throws -> Void

        init(_ name: String, _ body: @escaping @Sendable (Factory) async throws -> Void) {
            self.name = name
            self.body = body
        }

        /// Runs the check on a storage made by `make`.
        public func run(_ make: Factory) async throws { try await body(make) }

        public var description: String { name }
    }

    /// Every check, grouped by area: studies, trials, reports, reading, summaries, the change feed,
    /// concurrency.
    public static let checks: [Check] = studyChecks + trialChecks + reportChecks + readingChecks + feedChecks
        + concurrencyChecks + adminChecks + claimChecks + snapshotChecks + judgingChecks

    /// The names of every check, for `@Test(arguments:)`.
    public static var names: [String] { checks.map(\.name) }

    /// Runs the check named `name` on a storage made by `make`.
    public static func run(_ name: String, _ make: Factory) async throws {
        guard let check = checks.first(where: { $0.name == name }) else {
            Issue.record("no storage conformance check named '\(name)'")
            return
        }
        try await check.run(make)
    }

    /// Runs every check, each on its own storage.
    public static func runAll(_ make: Factory) async throws {
        for check in checks { try await check.run(make) }
    }
}
