import Foundation
import SweepCore

/// Carries the metric reports of a loop that runs on a thread of its own (reading a process's
/// output, which blocks) to the worker task that records them, and the task's "stop" back.
///
/// The task takes every report that arrived since it last looked (`next`), so the reports a
/// command prints while a write is in flight are stored together in the next one: a group commit
/// per trial. The backlog is bounded: when the task falls `backlog` reports behind, the thread
/// waits, so a command that prints faster than the storage records cannot fill the memory. A stop
/// (the trial was pruned, a report failed) releases a waiting thread at once.
final class ReportChannel: @unchecked Sendable {  // every field below is guarded by `condition`
    private let condition = NSCondition()
    private var pending: [StepReport] = []
    private var finished = false
    private var stopped = false
    private var waiter: CheckedContinuation<[StepReport]?, Never>?
    private let backlog: Int

    init(backlog: Int = 4096) {
        self.backlog = backlog
    }

    /// What `send` did.
    enum Sent {
        case sent
        /// The task asked to stop; the report was dropped.
        case stopped
        /// The backlog stayed full for `patience`; send it again (after checking the clock).
        case full
    }

    /// From the thread: queues a report for the task, waiting up to `patience` seconds while the
    /// backlog is full. The task sees queued reports at the next `flush` (or once `batch` are
    /// queued), so that the lines of one read go to it together rather than one wake-up each.
    func send(_ report: StepReport, patience: Double = 0.1, batch: Int = 1024) -> Sent {
        condition.lock()
        if pending.count >= backlog { resumeWaiter() }
        let deadline = Date().addingTimeInterval(patience)
        while pending.count >= backlog && !stopped {
            if !condition.wait(until: deadline) && pending.count >= backlog && !stopped {
                condition.unlock()
                return .full
            }
        }
        if stopped {
            condition.unlock()
            return .stopped
        }
        pending.append(report)
        if pending.count >= batch { resumeWaiter() }
        condition.unlock()
        return .sent
    }

    /// From the thread, before it waits for more output: hands the queued reports to the task.
    func flush() {
        condition.lock()
        resumeWaiter()
        condition.unlock()
    }

    /// Gives the waiting task everything queued. Call with the lock held.
    private func resumeWaiter() {
        guard let waiter, !pending.isEmpty else { return }
        self.waiter = nil
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        condition.broadcast()
        waiter.resume(returning: batch)
    }

    /// From the thread: no more reports.
    func finish() {
        condition.lock()
        finished = true
        resumeWaiter()
        let waiter = self.waiter
        self.waiter = nil
        condition.unlock()
        waiter?.resume(returning: nil)
    }

    /// From the task: every report that arrived since the last call, in order, waiting for one when
    /// there is none; nil once the thread has finished and every report was taken.
    func next() async -> [StepReport]? {
        await withCheckedContinuation { continuation in
            condition.lock()
            if !pending.isEmpty {
                let batch = pending
                pending.removeAll(keepingCapacity: true)
                condition.broadcast()
                condition.unlock()
                continuation.resume(returning: batch)
            } else if finished {
                condition.unlock()
                continuation.resume(returning: nil)
            } else {
                waiter = continuation
                condition.unlock()
            }
        }
    }

    /// From the task: the thread should stop its command and return.
    func requestStop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    var stopRequested: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }
}
