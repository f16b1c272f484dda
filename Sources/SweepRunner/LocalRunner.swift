import Foundation
import SweepCore

/// Runs a study on this machine: `workers` tasks (as many as asked, whatever the number of
/// cores: trials mostly wait on their processes), each with its own `Study` handle on the shared
/// storage, claim → evaluate → tell until the study has its number of trials. Running it again
/// (or `sweep worker` from elsewhere on the same storage) continues where it stopped.
///
/// Claims are one step in the storage, so any number of runners on one study never overshoot
/// its trials. Crash safety: every running trial has a heartbeat in the storage; a trial silent
/// for longer than the study file's `heartbeat_timeout` (its worker died, say by `kill -9`) is
/// failed by the next runner's reaper and replaced. A failed trial is retried with the same
/// parameters while `retries` allows; failures that are replaced do not count towards the
/// study's trials. A busy or unreachable storage is retried with backoff (`StorageRetry`).
public struct LocalRunner: Sendable {
    public var file: StudyFile
    public var storage: any Storage
    public var objective: any Objective
    public var workers: Int
    /// Set it (from a signal handler, say) to stop: running trials end as failed and are replaced
    /// on the next run.
    public var cancellation: Cancellation
    /// Called from worker tasks as trials start and end.
    public var onProgress: @Sendable (RunProgress) -> Void
    /// Where command judges and samplers run: the study file's folder (nil: the current one).
    public var directory: String?
    /// Store and use a study file's changed sampler, pruner and wider space (`sweep run --force`).
    public var force: Bool
    /// How long a busy or unreachable storage is retried before the run gives up, in seconds.
    public var storagePatience: Double = 600

    public init(
        file: StudyFile, storage: any Storage, objective: any Objective, workers: Int? = nil,
        cancellation: Cancellation = Cancellation(), directory: String? = nil, force: Bool = false,
        onProgress: @escaping @Sendable (RunProgress) -> Void = { _ in }
    ) {
        self.directory = directory
        self.force = force
        self.file = file
        self.storage = storage
        self.objective = objective
        self.workers = max(1, workers ?? file.workers)
        self.cancellation = cancellation
        self.onProgress = onProgress
    }

    /// Runs the study to its number of trials and returns the summary.
    public func run() async throws -> RunSummary {
        let retry = StorageRetry(patience: storagePatience, isCancelled: { [cancellation] in cancellation.isCancelled })
        let study = try await retry.run("opening the study") { try await openOrCreate() }
        let record = study.record
        let board = RunBoard(
            target: file.trials, heartbeatTimeout: file.heartbeatTimeout, storage: storage, study: record, started: Date())
        let errors = ErrorBox()
        let captured = Provenance.capture(objective: objective, baseDirectory: directory ?? FileManager.default.currentDirectoryPath)
        let provenance = try await retry.run("recording provenance") { try await captured.recorded(in: storage, study: record) }
        let heart = Heartbeat(
            storage: storage, study: record, board: board, timeout: file.heartbeatTimeout,
            retries: file.objective.retries)
        try await retry.run("failing trials of dead workers") { try await heart.reapStale() }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await heart.run() }
            await withTaskGroup(of: Void.self) { workers in
                for _ in 0..<self.workers {
                    workers.addTask {
                        do {
                            try await work(board: board, provenance: provenance, retry: retry)
                        } catch {
                            errors.set(error)
                            cancellation.cancel()
                        }
                    }
                }
            }
            group.cancelAll()
        }
        if let error = errors.error { throw error }
        if cancellation.isCancelled { throw RunError.interrupted }
        return try await retry.run("reading the summary") {
            try await RunSummary(
                study: StudyOpener.open(named: file.config.name, storage: storage, directory: directory),
                elapsed: Date().timeIntervalSince(board.started))
        }
    }

    private func openOrCreate() async throws -> Study {
        try await StudyOpener.openOrCreate(file: file.config, storage: storage, directory: directory, force: force)
    }

    private func work(board: RunBoard, provenance: JSONValue, retry: StorageRetry) async throws {
        let study = try await retry.run("opening the study") {
            try await StudyOpener.open(named: file.config.name, storage: storage, directory: directory)
        }
        while !cancellation.isCancelled {
            let trial: Trial
            switch try await retry.run("starting a trial", { try await board.claim(study: study) }) {
            case .done, .exhausted: return
            case .wait:
                try? await Task.sleep(for: .seconds(min(1, file.heartbeatTimeout / 4)))
                continue
            case .trial(let t): trial = t
            }
            try await retry.run("recording provenance") {
                try await storage.setTrialAttribute(trial: trial.id, key: "provenance", value: provenance, system: true)
            }
            await onProgress(board.progress())
            let outcome = await evaluate(trial, in: study, retry: retry)
            let finished = try await retry.run("ending trial \(trial.number)") { try await finish(trial, outcome: outcome, in: study) }
            await board.finished(finished)
            await onProgress(board.progress())
            // The storage gave up: stop rather than start trial after trial that cannot report.
            if case .failed(let reason) = outcome, reason.hasPrefix(Self.storageFailure) {
                throw SweepError.storageUnavailable(String(reason.dropFirst(Self.storageFailure.count)))
            }
        }
    }

    private func evaluate(_ trial: Trial, in study: Study, retry: StorageRetry) async -> TrialOutcome {
        let request = TrialRequest(
            study: study.name, number: trial.number, params: trial.params, seed: study.record.config.trialSeed(trial.number))
        let reporter = TrialReporter(
            { steps in
                let last = steps.last?.step ?? 0
                try await retry.run("reporting trial \(trial.number) step \(last)") {
                    try await study.report(trial: trial.number, steps: steps)
                }
                guard steps.contains(where: { $0.metrics[study.objective] != nil }) else { return false }
                return try await retry.run("judging trial \(trial.number)") { try await study.shouldPrune(trial: trial.number).prune }
            },
            attribute: { key, value in
                try? await study.storage.setTrialAttribute(trial: trial.id, key: key, value: value, system: true)
            },
            isCancelled: { cancellation.isCancelled })
        do {
            return try await objective.evaluate(request, reporter: reporter)
        } catch let error as SweepError {
            if case .storageUnavailable = error { return .failed(Self.storageFailure + "\(error)") }
            return .failed("\(error)")
        } catch {
            return .failed("\(error)")
        }
    }

    /// Fail reasons that start with this are failures of the storage, not of the trial.
    static let storageFailure = "the storage gave up: "

    /// Ends the trial as `outcome` says, unless a script that calls `sweep report` / `sweep tell`
    /// itself finished it first, and returns its storage id.
    private func finish(_ trial: Trial, outcome: TrialOutcome, in study: Study) async throws -> Int64 {
        // The objective's curve only: a trial may have reported many metrics over many steps.
        guard let stored = try await storage.trials(ids: [trial.id], curves: .only([study.objective])).first else {
            throw SweepError.unknownTrial(study: study.name, number: trial.number)
        }
        if stored.state.isFinished { return stored.id }
        // The study's rule on the stored curve: every report, those a script made with `sweep
        // report` included (this process's handle saw only its own).
        let ruled = study.record.config.value.value(of: stored.curve(study.objective), direction: study.direction)
        switch outcome {
        case .complete(let value):
            // Under `last`, a value the objective names itself (a dataset's final value) comes first.
            if let told = (study.record.config.value == .last ? value : nil) ?? ruled {
                return try await tell(trial, .complete, value: told, in: study)
            }
            return try await fail(trial, reason: "finished without reporting \(study.objective)", replaceAlways: false, in: study)
        case .pruned:
            return try await tell(trial, .pruned, value: ruled.flatMap { $0.isNaN ? nil : $0 }, in: study)
        case .failed(let reason):
            if cancellation.isCancelled {
                return try await fail(trial, reason: "interrupted: \(reason)", replaceAlways: true, in: study)
            }
            return try await fail(trial, reason: reason, replaceAlways: reason.hasPrefix(Self.storageFailure), in: study)
        }
    }

    /// Tells the trial's end; a trial another process ended meanwhile (a reaper that found it
    /// silent) keeps that end.
    private func tell(_ trial: Trial, _ state: TrialState, value: Double?, in study: Study) async throws -> Int64 {
        do {
            return try await study.tell(trial: trial.number, state: state, value: value).id
        } catch SweepError.trialFinished {
            study.forget(trial: trial.number)
            return trial.id
        }
    }

    /// Fails a trial and queues its retry (same parameters) while the study file allows, in one
    /// step of the storage.
    private func fail(_ trial: Trial, reason: String, replaceAlways: Bool, in study: Study) async throws -> Int64 {
        let replacement = Replacement(retries: file.objective.retries, always: replaceAlways)
        _ = try await storage.failTrial(trial: trial.id, reason: reason, replacement: replacement, finished: Date())
        study.forget(trial: trial.number)
        return trial.id
    }
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
