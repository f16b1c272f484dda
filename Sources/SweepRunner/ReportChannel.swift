import Foundation
import Synchronization

/// Carries the metric reports of a loop that runs on a thread of its own (reading a process's
/// output, which blocks) to the worker task that records them, and the task's "stop" back.
///
/// The backlog is bounded: when the task falls `backlog` reports behind, the thread waits, so a
/// command that prints faster than the storage records cannot fill the memory. A stop (the
/// trial was pruned, a report failed) releases a waiting thread at once.
final class ReportChannel: Sendable {
    /// One metric line.
    struct Report: Sendable {
        var step: Int
        var metrics: [String: Double]
    }

    /// The reports, in the order the thread sent them; ends when the thread calls `finish`.
    let reports: AsyncStream<Report>
    private let continuation: AsyncStream<Report>.Continuation
    private let room: DispatchSemaphore
    private let stopped = Atomic<Bool>(false)

    init(backlog: Int = 1024) {
        (reports, continuation) = AsyncStream.makeStream(of: Report.self, bufferingPolicy: .unbounded)
        room = DispatchSemaphore(value: backlog)
    }

    /// From the thread: hands a report on, waiting while the backlog is full. False when the task
    /// asked to stop (the report was not sent).
    func send(_ report: Report) -> Bool {
        while room.wait(timeout: .now() + .milliseconds(100)) == .timedOut {
            if stopRequested { return false }
        }
        if stopRequested { return false }
        continuation.yield(report)
        return true
    }

    /// From the thread: no more reports.
    func finish() { continuation.finish() }

    /// From the task: one report was handled, so the thread may send another.
    func handled() { room.signal() }

    /// From the task: the thread should stop its command and return.
    func requestStop() { stopped.store(true, ordering: .sequentiallyConsistent) }

    var stopRequested: Bool { stopped.load(ordering: .sequentiallyConsistent) }
}

/// Runs `body` on a thread of its own and returns its result without holding a thread of the
/// caller's: for work that blocks (waiting on a process, reading a pipe with `poll`).
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}
