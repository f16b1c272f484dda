import Foundation
import SweepCore

/// Keeps this process's running trials alive in the storage and fails the trials of workers that
/// died: a running trial whose last heartbeat (or start) is older than `timeout` seconds.
final class Heartbeat: @unchecked Sendable {
    private let storage: any Storage
    private let study: StudyRecord
    private let board: RunBoard
    private let timeout: Double
    private let stopped = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)

    init(storage: any Storage, study: StudyRecord, board: RunBoard, timeout: Double) {
        self.storage = storage
        self.study = study
        self.board = board
        self.timeout = timeout
    }

    /// Beats (and reaps dead workers' trials) every timeout/4 seconds, at most every 5 s, until
    /// `stop`.
    func start(retries: Int) {
        let interval = min(5, max(0.2, timeout / 4))
        Thread { [self] in
            while stopped.wait(timeout: .now() + interval) == .timedOut {
                beat()
                try? reapStale(retries: retries)
            }
            done.signal()
        }.start()
    }

    func stop() {
        stopped.signal()
        done.wait()
    }

    private func beat() {
        let now = JSONValue.number(Date().timeIntervalSince1970)
        for id in board.runningIDs {
            try? storage.setTrialAttribute(trial: id, key: "heartbeat", value: now, system: false)
        }
    }

    /// Fails running trials whose heartbeat stopped, replacing them while `retries` allows (and
    /// always marking them replaced, so they do not count towards the study's trials).
    func reapStale(retries: Int) throws {
        let mine = Set(board.runningIDs)
        let now = Date().timeIntervalSince1970
        for trial in try storage.trials(study: study.id, states: [.running]) where !mine.contains(trial.id) {
            let last = trial.userAttributes["heartbeat"]?.doubleValue ?? trial.started?.timeIntervalSince1970 ?? 0
            guard now - last > timeout else { continue }
            let reason = "no heartbeat for \(Int(now - last)) s: its worker stopped without finishing it"
            try storage.setTrialAttribute(trial: trial.id, key: "fail_reason", value: .string(reason), system: true)
            try retryIfAllowed(trial, storage: storage, study: study, retries: retries)
            try storage.setTrialAttribute(trial: trial.id, key: "replaced", value: .bool(true), system: true)
            do {
                try storage.finishTrial(trial: trial.id, state: .failed, value: nil, finished: Date())
            } catch SweepError.trialFinished {
                continue  // its worker finished it after all
            }
        }
    }
}
