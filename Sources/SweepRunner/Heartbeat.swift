import Foundation
import SweepCore

/// Keeps this process's running trials alive in the storage and fails the trials of workers that
/// died. The storage decides on its own clock which trials are stale (`Storage.reapStaleTrials`),
/// each trial by its own timeout, so a trial driven by hand is never failed faster than its
/// owner asked for, and one conditional update per dead trial means that when several workers
/// reap at once, each dead trial is failed and replaced exactly once.
struct Heartbeat: Sendable {
    private let storage: any Storage
    private let study: StudyRecord
    private let board: RunBoard
    private let replacement: Replacement
    private let interval: Double

    /// Beats every `timeout`/4 seconds (at least every 5 s, at most every 0.2 s).
    init(storage: any Storage, study: StudyRecord, board: RunBoard, timeout: Double, retries: Int) {
        self.storage = storage
        self.study = study
        self.board = board
        self.replacement = Replacement(retries: retries, always: true)
        self.interval = min(5, max(0.2, timeout / 4))
    }

    /// Beats for this process's running trials and reaps dead ones until the task is cancelled.
    ///
    /// Beating and reaping are two loops: a reap waits for the study's lock (PostgreSQL) or the
    /// write lock (SQLite), sometimes for long (a host cut off in the middle of a transaction keeps
    /// its locks until the server notices), and the beats go on meanwhile. The reap also stamps
    /// this process's trials in its own step, so it never fails them after a long wait.
    func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await every { try await storage.beat(trials: board.runningIDs) } }
            group.addTask { await every { try await reapStale() } }
        }
    }

    /// Runs `body` every `interval` until the task is cancelled; a failed call is tried again at
    /// the next interval (the workers' own storage calls say when the storage is away).
    private func every(_ body: @Sendable () async throws -> Void) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(interval))
            if Task.isCancelled { return }
            try? await body()
        }
    }

    /// Fails the study's running trials whose heartbeat stopped, replacing each one; this
    /// process's own running trials are spared.
    @discardableResult
    func reapStale() async throws -> [FailedTrial] {
        try await storage.reapStaleTrials(study: study.id, replacement: replacement, sparing: await board.runningIDs)
    }
}
