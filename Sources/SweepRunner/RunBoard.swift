import Foundation
import SweepCore

/// Shared state of one run's workers: which trials run here, how many finished, and the rule for
/// starting another.
final class RunBoard: @unchecked Sendable {
    private let lock = NSLock()
    private var running: [Int64: Int] = [:]
    private var counts: [TrialState: Int] = [:]
    private var tallies: [ObjectIdentifier: (scanned: Int, counted: Int)] = [:]
    let started: Date
    let target: Int

    init(target: Int, started: Date) {
        self.target = target
        self.started = started
    }

    /// Starts the next trial when the study still needs one: finished trials that count (complete,
    /// pruned, and failed ones not replaced) plus running ones, below the target. Serialised within
    /// the process, so local workers never overshoot; workers in other processes that claim at the
    /// same moment may (by at most one trial each).
    func claim(study: Study) throws -> Claim {
        lock.lock()
        defer { lock.unlock() }
        try study.sync()
        // Far from the target, an upper bound on the running trials decides without listing them:
        // the trials not finished (running anywhere, or waiting), counted after the sync so that a
        // trial finishing in between is counted twice rather than not at all.
        let unfinished = try study.storage.trialCount(study: study.record.id) - study.index.finished.count
        if countFinished(in: study) + unfinished < target { return .trial(try start(study)) }
        // Near it, the running trials themselves. Running first, finished second: again a trial
        // that finishes in between is counted twice (we wait a little) rather than not at all.
        let runningNow = try study.storage.trials(study: study.record.id, states: [.running]).count
        try study.sync()
        let counted = countFinished(in: study)
        guard counted + runningNow < target else {
            // Trials running elsewhere may still fail (or be found dead): wait for them.
            return counted < target && runningNow > running.count ? .wait : .done
        }
        return .trial(try start(study))
    }

    /// Asks the study for a trial and books it as running here. Call with the lock held.
    private func start(_ study: Study) throws -> Trial {
        let trial = try study.ask()
        running[trial.id] = trial.number
        return trial
    }

    /// What `claim` found.
    enum Claim {
        case trial(Trial)
        case wait
        case done
    }

    /// Finished trials that count (complete, pruned, failed and not replaced), scanning only what
    /// each worker's index gained since its last claim. Call with the lock held.
    private func countFinished(in study: Study) -> Int {
        let key = ObjectIdentifier(study)
        var tally = tallies[key] ?? (scanned: 0, counted: 0)
        let finished = study.index.finished
        for trial in finished[tally.scanned...] where trial.state != .failed || trial.systemAttributes["replaced"] == nil {
            tally.counted += 1
        }
        tally.scanned = finished.count
        tallies[key] = tally
        return tally.counted
    }

    /// Storage ids of the trials running in this process.
    var runningIDs: [Int64] {
        lock.lock()
        defer { lock.unlock() }
        return Array(running.keys)
    }

    func finished(_ trial: Trial) {
        lock.lock()
        running[trial.id] = nil
        counts[trial.state, default: 0] += 1
        lock.unlock()
    }

    func progress(best: Trial?) -> RunProgress {
        lock.lock()
        defer { lock.unlock() }
        return RunProgress(
            total: target, complete: counts[.complete] ?? 0, pruned: counts[.pruned] ?? 0, failed: counts[.failed] ?? 0,
            running: running.count, bestValue: best?.value, bestNumber: best?.number,
            elapsed: Date().timeIntervalSince(started))
    }
}

/// Where a run stands (this process's trials).
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
        done == 0 ? nil : elapsed / Double(done) * Double(max(0, total - done))
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
