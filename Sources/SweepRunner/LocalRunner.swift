import Foundation
import SweepCore

/// Runs a study on this machine: `workers` threads, each with its own `Study` handle on the shared
/// storage, ask → evaluate → tell until the study has `trials` finished trials (complete, pruned
/// or failed). Running it again on the same storage continues where it stopped.
public struct LocalRunner: Sendable {
    public var file: StudyFile
    public var storage: any Storage
    public var objective: any Objective
    public var workers: Int
    /// Called from a worker thread after every finished trial and every report (throttled by the
    /// caller as it likes).
    public var onProgress: @Sendable (RunProgress) -> Void

    public init(
        file: StudyFile, storage: any Storage, objective: any Objective, workers: Int? = nil,
        onProgress: @escaping @Sendable (RunProgress) -> Void = { _ in }
    ) {
        self.file = file
        self.storage = storage
        self.objective = objective
        self.workers = max(1, workers ?? file.workers)
        self.onProgress = onProgress
    }

    /// Runs the study to its number of trials and returns the summary.
    public func run() throws -> RunSummary {
        let study = try openOrCreate()
        let already = try study.trials(states: [.complete, .pruned, .failed]).count
        let board = RunBoard(remaining: max(0, file.trials - already), started: Date())
        let errors = ErrorBox()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            do {
                try work(board: board)
            } catch {
                errors.set(error)
                board.stop()
            }
        }
        if let error = errors.error { throw error }
        return try RunSummary(study: StudyOpener.open(named: file.config.name, storage: storage), elapsed: Date().timeIntervalSince(board.started))
    }

    private func openOrCreate() throws -> Study {
        do {
            return try StudyOpener.open(named: file.config.name, storage: storage)
        } catch SweepError.unknownStudy {
            return try StudyOpener.create(file.config, storage: storage)
        }
    }

    private func work(board: RunBoard) throws {
        let study = try StudyOpener.open(named: file.config.name, storage: storage)
        while board.claim() {
            let trial = try study.ask()
            board.started(trial.number)
            onProgress(board.progress(best: study.index.bestTrial))
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
                })
            let outcome: TrialOutcome
            do {
                outcome = try objective.evaluate(request, reporter: reporter)
            } catch {
                outcome = .failed("\(error)")
            }
            let finished: Trial
            switch outcome {
            case .complete(let value):
                let last = try study.storage.trial(id: trial.id).curve(study.objective).lastValue
                if let v = value ?? last {
                    finished = try study.tell(trial: trial.number, state: .complete, value: v)
                } else {
                    try study.storage.setTrialAttribute(
                        trial: trial.id, key: "fail_reason", value: .string("finished without reporting \(study.objective)"), system: true)
                    finished = try study.tell(trial: trial.number, state: .failed)
                }
            case .pruned:
                finished = try study.tell(trial: trial.number, state: .pruned)
            case .failed(let reason):
                try study.storage.setTrialAttribute(trial: trial.id, key: "fail_reason", value: .string(reason), system: true)
                finished = try study.tell(trial: trial.number, state: .failed)
            }
            try study.sync()
            board.finished(finished)
            onProgress(board.progress(best: study.index.bestTrial))
        }
    }
}

/// Shared state of one run's workers.
final class RunBoard: @unchecked Sendable {
    private let lock = NSLock()
    private var remaining: Int
    private var running: Set<Int> = []
    private var counts: [TrialState: Int] = [:]
    private var stopped = false
    let started: Date
    let total: Int

    init(remaining: Int, started: Date) {
        self.remaining = remaining
        self.total = remaining
        self.started = started
    }

    /// Takes one trial slot; false when the run is done.
    func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped, remaining > 0 else { return false }
        remaining -= 1
        return true
    }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    func started(_ number: Int) {
        lock.lock()
        running.insert(number)
        lock.unlock()
    }

    func finished(_ trial: Trial) {
        lock.lock()
        running.remove(trial.number)
        counts[trial.state, default: 0] += 1
        lock.unlock()
    }

    func progress(best: Trial?) -> RunProgress {
        lock.lock()
        defer { lock.unlock() }
        return RunProgress(
            total: total, complete: counts[.complete] ?? 0, pruned: counts[.pruned] ?? 0, failed: counts[.failed] ?? 0,
            running: running.count, bestValue: best?.value, bestNumber: best?.number,
            elapsed: Date().timeIntervalSince(started))
    }
}

/// Where a run stands.
public struct RunProgress: Sendable, Hashable {
    public var total: Int
    public var complete: Int
    public var pruned: Int
    public var failed: Int
    public var running: Int
    public var bestValue: Double?
    public var bestNumber: Int?
    public var elapsed: Double

    public var done: Int { complete + pruned + failed }

    /// Seconds left at the pace so far (nil before the first trial ends).
    public var estimatedRemaining: Double? {
        done == 0 ? nil : elapsed / Double(done) * Double(total - done)
    }

    /// One line: "12/40 done (8 complete, 3 pruned, 1 failed), 2 running, best 0.91 (trial 7), 00:12 elapsed, ~00:28 left".
    public var line: String {
        let best = bestValue.map { "best \(formatNumber(($0 * 1e4).rounded() / 1e4)) (trial \(bestNumber ?? -1))" } ?? "no best yet"
        let left = estimatedRemaining.map { ", ~\(clock($0)) left" } ?? ""
        return "\(done)/\(total) done (\(complete) complete, \(pruned) pruned, \(failed) failed), \(running) running, \(best), \(clock(elapsed)) elapsed\(left)"
    }

    private func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%02d:%02d", s / 60, s % 60)
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
