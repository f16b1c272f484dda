import Foundation
import SweepCore
import Synchronization

/// Retries a storage call that failed because the storage was busy or out of reach
/// (`SweepError.storageUnavailable`), with growing pauses, for up to `patience` seconds: a
/// database locked by another program or a server restarting does not fail the trials that are
/// running. Other errors are rethrown at once.
///
/// A call that neither answers nor fails (a host whose network is cut waits on TCP, a lock held
/// by a process on a host that vanished) is said too, once it has waited `slowAfter` seconds,
/// and again when it goes through: a worker is never silent through an outage.
struct StorageRetry: Sendable {
    /// How long to keep trying, in seconds.
    var patience: Double = 600
    /// How long a call may wait for an answer before the wait is said.
    var slowAfter: Double = 10
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
                let result = try await answered(what, body)
                if warned { warn(Message.back(what)) }
                return result
            } catch SweepError.storageUnavailable(let message)
                where Date().timeIntervalSince(start) + pause < patience && !isCancelled()
            {
                if !warned {
                    warn(Message.retrying(what, message, patience: patience))
                    warned = true
                }
                try await Task.sleep(for: .seconds(pause))
                pause = min(pause * 2, 5)
            }
        }
    }

    /// Runs `body` once, saying so when it waits longer than `slowAfter` for an answer.
    private func answered<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
        let call = SlowCall()
        let started = ContinuousClock.now
        let watchdog = Task { [slowAfter, warn] in
            try await Task.sleep(for: .seconds(slowAfter))
            call.state.withLock { state in
                guard state == .waiting else { return }
                state = .said
                warn(Message.waiting(what, seconds: slowAfter))
            }
        }
        defer {
            watchdog.cancel()
            call.state.withLock { state in
                if state == .said { warn(Message.answered(what, after: ContinuousClock.now - started)) }
                state = .answered
            }
        }
        return try await body()
    }

    /// Where one call stands; its messages are said under the lock, so "answered" never comes
    /// before "waiting".
    private final class SlowCall: Sendable {
        enum State { case waiting, said, answered }
        let state = Mutex(State.waiting)
    }

    enum Message {
        static func retrying(_ what: String, _ message: String, patience: Double) -> String {
            "sweep: \(what): \(message); retrying for up to \(Int(patience)) s"
        }
        static func back(_ what: String) -> String { "sweep: storage is back; \(what) went through" }
        static func waiting(_ what: String, seconds: Double) -> String {
            "sweep: \(what): no answer from the storage for \(Int(seconds)) s (its network is down, or another "
                + "process holds a lock); still waiting"
        }
        static func answered(_ what: String, after waited: Duration) -> String {
            "sweep: \(what): the storage answered after \(waited.components.seconds) s"
        }
    }
}
