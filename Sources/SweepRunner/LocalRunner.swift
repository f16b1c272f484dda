import Foundation
import SweepCore

/// Runs a study on this machine: `workers` threads, each with its own `Study` handle on the shared
/// storage, ask → evaluate → tell until the study has its number of finished trials. Running it
/// again (or `sweep worker` from elsewhere on the same storage) continues where it stopped.
///
/// Crash safety: every running trial gets a heartbeat; a trial whose heartbeat is older than the
/// study file's `heartbeat_timeout` (its worker died, say by `kill -9`) is failed by the next
/// runner and replaced. A failed trial is retried with the same parameters while `retries` allows;
/// failures that are replaced do not count towards the study's trials.
public struct LocalRunner: Sendable {
    public var file: StudyFile
    public var storage: any Storage
    public var objective: any Objective
    public var workers: Int
    /// Set it (from a signal handler, say) to stop: running trials end as failed and are replaced
    /// on the next run.
    public var cancellation: Cancellation
    /// Called from worker threads as trials start and end.
    public var onProgress: @Sendable (RunProgress) -> Void
    /// Where command judges and samplers run: the study file's folder (nil: the current one).
    public var directory: String?

    public init(
        file: StudyFile, storage: any Storage, objective: any Objective, workers: Int? = nil,
        cancellation: Cancellation = Cancellation(), directory: String? = nil,
        onProgress: @escaping @Sendable (RunProgress) -> Void = { _ in }
    ) {
        self.directory = directory
        self.file = file
        self.storage = storage
        self.objective = objective
        self.workers = max(1, workers ?? file.workers)
        self.cancellation = cancellation
        self.onProgress = onProgress
    }

    /// Runs the study to its number of trials and returns the summary.
    public func run() throws -> RunSummary {
        let study = try openOrCreate()
        let board = RunBoard(target: file.trials, started: Date())
        let errors = ErrorBox()
        let provenance = Provenance.current(objective: objective, baseDirectory: FileManager.default.currentDirectoryPath)
        let heart = Heartbeat(storage: storage, study: study.record, board: board, timeout: file.heartbeatTimeout)
        try heart.reapStale(retries: file.objective.retries)
        heart.start(retries: file.objective.retries)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            do {
                try work(board: board, provenance: provenance)
            } catch {
                errors.set(error)
                cancellation.cancel()
            }
        }
        heart.stop()
        if let error = errors.error { throw error }
        if cancellation.isCancelled { throw RunError.interrupted }
        return try RunSummary(study: StudyOpener.open(named: file.config.name, storage: storage, directory: directory), elapsed: Date().timeIntervalSince(board.started))
    }

    private func openOrCreate() throws -> Study {
        do {
            let study = try StudyOpener.open(named: file.config.name, storage: storage, directory: directory)
            guard study.direction == file.config.direction, study.objective == file.config.objective else {
                throw SweepError.invalidArgument(
                    "study '\(study.name)' already exists with \(study.direction.rawValue) \(study.objective); the file says \(file.config.direction.rawValue) \(file.config.objective)")
            }
            return study
        } catch SweepError.unknownStudy {
            return try StudyOpener.create(file.config, storage: storage, directory: directory)
        }
    }

    private func work(board: RunBoard, provenance: JSONValue) throws {
        let study = try StudyOpener.open(named: file.config.name, storage: storage, directory: directory)
        while !cancellation.isCancelled {
            let trial: Trial
            switch try board.claim(study: study) {
            case .done: return
            case .wait:
                Thread.sleep(forTimeInterval: min(1, file.heartbeatTimeout / 4))
                continue
            case .trial(let t): trial = t
            }
            try storage.setTrialAttribute(trial: trial.id, key: "provenance", value: provenance, system: true)
            onProgress(board.progress(best: study.index.bestTrial))
            let outcome = evaluate(trial, in: study)
            let finished = try finish(trial, outcome: outcome, in: study)
            board.finished(finished)
            try study.sync()
            onProgress(board.progress(best: study.index.bestTrial))
        }
    }

    private func evaluate(_ trial: Trial, in study: Study) -> TrialOutcome {
        let request = TrialRequest(
            study: study.name, number: trial.number, params: trial.params, seed: study.record.config.trialSeed(trial.number))
        let reporter = TrialReporter(
            { step, metrics in
                try study.report(trial: trial.number, step: step, metrics: metrics)
                guard metrics[study.objective] != nil else { return false }
                return try study.shouldPrune(trial: trial.number).prune
            },
            attribute: { key, value in
                try? study.storage.setTrialAttribute(trial: trial.id, key: key, value: value, system: true)
            },
            isCancelled: { cancellation.isCancelled })
        do {
            return try objective.evaluate(request, reporter: reporter)
        } catch {
            return .failed("\(error)")
        }
    }

    private func finish(_ trial: Trial, outcome: TrialOutcome, in study: Study) throws -> Trial {
        // A script that calls `sweep report` / `sweep tell` itself may have finished its trial.
        let stored = try storage.trial(id: trial.id)
        if stored.state.isFinished { return stored }
        switch outcome {
        case .complete(let value):
            let last = try storage.trial(id: trial.id).curve(study.objective).lastValue
            if let v = value ?? last { return try told(study.tell(trial: trial.number, state: .complete, value: v)) }
            return try fail(trial, reason: "finished without reporting \(study.objective)", in: study)
        case .pruned:
            return try told(study.tell(trial: trial.number, state: .pruned))
        case .failed(let reason):
            if cancellation.isCancelled {
                try storage.setTrialAttribute(trial: trial.id, key: "replaced", value: .bool(true), system: true)
                return try fail(trial, reason: "interrupted: \(reason)", in: study)
            }
            return try fail(trial, reason: reason, in: study)
        }
    }

    /// Fails a trial, and retries it with the same parameters while the study file allows.
    private func fail(_ trial: Trial, reason: String, in study: Study) throws -> Trial {
        try storage.setTrialAttribute(trial: trial.id, key: "fail_reason", value: .string(reason), system: true)
        try retryIfAllowed(trial, storage: storage, study: study.record, retries: file.objective.retries)
        return try told(study.tell(trial: trial.number, state: .failed))
    }

    /// The stored trial after `tell`, for the board and the summary.
    private func told(_ end: TrialEnd) throws -> Trial {
        try storage.trial(id: end.id)
    }
}

/// Marks a failing trial as replaced and enqueues its parameters again, while its attempt number
/// is below `retries`. Call before finishing the trial.
func retryIfAllowed(_ trial: Trial, storage: any Storage, study: StudyRecord, retries: Int) throws {
    let attempt = Int(trial.userAttributes["attempt"]?.doubleValue ?? 0)
    guard attempt < retries else { return }
    try storage.setTrialAttribute(trial: trial.id, key: "replaced", value: .bool(true), system: true)
    _ = try storage.createTrial(
        study: study.id,
        draft: TrialDraft(
            state: .waiting, params: trial.params, distributions: trial.distributions,
            userAttributes: ["attempt": .number(Double(attempt + 1)), "retry_of": .number(Double(trial.number))]))
}

/// Why a run stopped early.
public enum RunError: Error, CustomStringConvertible {
    case interrupted
    public var description: String {
        "interrupted: running trials were recorded as failed; run the same command again to continue"
    }
}

/// A flag any thread can set and read.
public final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    public init() {}
    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }
    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }
}

/// The first error a worker hit.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var error: (any Error)?
    func set(_ e: any Error) {
        lock.lock()
        if error == nil { error = e }
        lock.unlock()
    }
}
