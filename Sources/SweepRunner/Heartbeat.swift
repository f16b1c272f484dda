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
    func run() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(interval))
            if Task.isCancelled { return }
            try? await storage.beat(trials: board.runningIDs)
            _ = try? await reapStale()
        }
    }

    /// Fails the study's running trials whose heartbeat stopped, replacing each one.
    @discardableResult
    func reapStale() async throws -> [FailedTrial] {
        try await storage.reapStaleTrials(study: study.id, replacement: replacement)
    }
}
