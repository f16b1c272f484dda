import Foundation
import SweepCore

/// Retries a storage call that failed because the storage was busy or out of reach
/// (`SweepError.storageUnavailable`), with growing pauses, for up to `patience` seconds: a
/// database locked by another program or a server restarting does not fail the trials that are
/// running. Other errors are rethrown at once.
struct StorageRetry: Sendable {
    /// How long to keep trying, in seconds.
    var patience: Double = 600
    /// Says once per outage what is happening (on stderr, for `sweep run`).
    var warn: @Sendable (String) -> Void = { message in
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
    var isCancelled: @Sendable () -> Bool = { false }

    @discardableResult
    func run<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
        let start = Date()
        var pause = 0.05
        var warned = false
        while true {
            do {
                let result = try await body()
                if warned { warn("sweep: storage is back; \(what) went through") }
                return result
            } catch SweepError.storageUnavailable(let message)
                where Date().timeIntervalSince(start) + pause < patience && !isCancelled()
            {
                if !warned {
                    warn("sweep: \(what): \(message); retrying for up to \(Int(patience)) s")
                    warned = true
                }
                try await Task.sleep(for: .seconds(pause))
                pause = min(pause * 2, 5)
            }
        }
    }
}
