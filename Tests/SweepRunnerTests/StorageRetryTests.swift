import Foundation
import SweepCore
import Synchronization
import Testing

@testable import SweepRunner

@Suite struct StorageRetryTests {
    /// The messages a retry said, in order.
    final class Said: Sendable {
        let lines = Mutex<[String]>([])
        func retry(patience: Double = 600, slowAfter: Double = 10) -> StorageRetry {
            StorageRetry(patience: patience, slowAfter: slowAfter, warn: { line in self.lines.withLock { $0.append(line) } })
        }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test func aBusyStorageIsRetriedAndTheOutageSaidOnceThenItsEnd() async throws {
        let said = Said()
        let calls = Mutex(0)
        let value = try await said.retry().run("reporting") { () async throws -> Int in
            let n = calls.withLock { n in n += 1; return n }
            if n < 4 { throw SweepError.storageUnavailable("the database is locked") }
            return 7
        }
        #expect(value == 7 && calls.withLock { $0 } == 4)
        #expect(said.all == [
            StorageRetry.Message.retrying("reporting", "the database is locked", patience: 600), StorageRetry.Message.back("reporting"),
        ])
    }

    @Test func otherErrorsAreNotRetried() async throws {
        let said = Said()
        let calls = Mutex(0)
        await #expect(throws: SweepError.invalidArgument("no")) {
            try await said.retry().run("telling") { () async throws -> Int in
                calls.withLock { $0 += 1 }
                throw SweepError.invalidArgument("no")
            }
        }
        #expect(calls.withLock { $0 } == 1 && said.all.isEmpty)
    }

    @Test func aStorageAwayLongerThanThePatienceFails() async throws {
        await #expect(throws: SweepError.self) {
            try await Said().retry(patience: 0.3).run("claiming") { () async throws -> Int in
                throw SweepError.storageUnavailable("connection refused")
            }
        }
    }

    /// A call that hangs (a cut network waits on TCP) used to leave the worker silent. The call
    /// here answers once the wait has been said, however long a loaded machine takes to say it
    /// (a full suite on 2 cores kept the task that says it waiting for minutes); without the
    /// warning the call never answers and the time limit fails the test.
    @Test(.timeLimit(.minutes(10))) func aCallThatWaitsLongIsSaidAndSoIsItsAnswer() async throws {
        let said = Said()
        let value = try await said.retry(slowAfter: 0.1).run("starting a trial") { () async throws -> Int in
            while said.all.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            return 1
        }
        #expect(value == 1)
        #expect(said.all.count == 2)
        #expect(said.all.first == StorageRetry.Message.waiting("starting a trial", seconds: 0.1))
        #expect(said.all.last?.hasPrefix("sweep: starting a trial: the storage answered after") == true)
    }

    @Test func aQuickCallSaysNothing() async throws {
        let said = Said()
        _ = try await said.retry(slowAfter: 5).run("ending trial 3") { 1 }
        try await Task.sleep(for: .milliseconds(50))
        #expect(said.all.isEmpty)
    }
}
