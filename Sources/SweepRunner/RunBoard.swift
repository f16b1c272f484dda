import Foundation
import SweepCore

/// Shared state of one run's workers: which trials run here, the study's tally as of the last
/// look, and the rule for starting another.
actor RunBoard {
    private var running: [Int64: Int] = [:]
    /// The board's own view of the study's finished trials, for progress (study-wide counts).
    private let storage: any Storage
    private let study: StudyRecord
    private let index: StudyIndex
    private var cursor: Int64 = 0
    private var scanned = 0
    private var counts: [TrialState: Int] = [:]
    private var replaced = 0
    private var doneBefore: Int?
    let started: Date
    let target: Int
    let heartbeatTimeout: Double?

    init(target: Int, heartbeatTimeout: Double?, storage: any Storage, study: StudyRecord, started: Date) {
        self.target = target
        self.heartbeatTimeout = heartbeatTimeout
        self.storage = storage
        self.study = study
        self.index = StudyIndex(name: study.name, direction: study.config.direction, objective: study.config.objective)
        self.started = started
    }

    /// Starts the next trial when the study still needs one. The storage counts and claims in one
    /// step, so workers in any number of processes never overshoot the target.
    nonisolated func claim(study: Study) async throws -> Claim {
        let claim: TrialClaim
        do {
            claim = try await study.claim(target: target, heartbeatTimeout: heartbeatTimeout)
        } catch SweepError.samplerExhausted(let message) {
            return .exhausted(message)
        }
        switch claim {
        case .claimed(let trial):
            await add(trial)
            return .trial(trial)
        case .full(let tally):
            // Trials running elsewhere may still fail (or be found dead): wait for them.
            return tally.finished < target ? .wait : .done
        }
    }

    /// What `claim` found.
    enum Claim: Sendable {
        case trial(Trial)
        case wait
        case done
        /// The sampler has nothing left to propose (a grid whose points are all taken).
        case exhausted(String)
    }

    /// Storage ids of the trials running in this process.
    var runningIDs: [Int64] { Array(running.keys) }

    private func add(_ trial: Trial) {
        running[trial.id] = trial.number
    }

    func finished(_ trial: Int64) {
        running[trial] = nil
    }

    /// Where the study stands: its finished trials (failures that were replaced counted apart)
    /// from the board's own handle, this process's running trials, and the pace since this run
    /// started.
    func progress() async -> RunProgress {
        // The actor may run another call while this one waits for the storage: apply what came
        // back only if no other call moved the cursor meanwhile.
        let from = cursor
        if let changes = try? await storage.changes(study: study.id, after: from, curves: .only([])), cursor == from {
            cursor = changes.cursor
            index.apply(changes)
        }
        let finished = index.finished
        for trial in finished[scanned...] {
            counts[trial.state, default: 0] += 1
            if trial.state == .failed && !trial.countsTowardTarget { replaced += 1 }
        }
        scanned = finished.count
        let best = index.bestTrial
        var progress = RunProgress(
            total: target, complete: counts[.complete] ?? 0, pruned: counts[.pruned] ?? 0, failed: counts[.failed] ?? 0,
            replaced: replaced, running: running.count, bestValue: best?.value, bestNumber: best?.number,
            elapsed: Date().timeIntervalSince(started))
        if doneBefore == nil { doneBefore = progress.done }
        progress.doneBefore = doneBefore ?? 0
        return progress
    }
}

/// Where a study stands during a run: the study's finished trials, this process's running ones.
public struct RunProgress: Sendable, Hashable {
    public var total: Int
    public var complete: Int
    public var pruned: Int
    /// Every failed trial, replaced or not.
    public var failed: Int
    /// Failed trials that were replaced (another trial ran in their place): counted in `failed`,
    /// not in `done`, since they do not count towards the target.
    public var replaced: Int
    public var running: Int
    public var bestValue: Double?
    public var bestNumber: Int?
    public var elapsed: Double
    /// Trials that had finished before this run started (a resumed study).
    public var doneBefore: Int

    public init(
        total: Int, complete: Int, pruned: Int, failed: Int, replaced: Int = 0, running: Int, bestValue: Double?,
        bestNumber: Int?, elapsed: Double, doneBefore: Int = 0
    ) {
        self.total = total
        self.complete = complete
        self.pruned = pruned
        self.failed = failed
        self.replaced = replaced
        self.running = running
        self.bestValue = bestValue
        self.bestNumber = bestNumber
        self.elapsed = elapsed
        self.doneBefore = doneBefore
    }

    /// The finished trials that count towards the target: replaced failures are left out.
    public var done: Int { complete + pruned + failed - replaced }

    /// Seconds left at this run's pace so far (nil before a trial ends in this run, 0 when done).
    public var estimatedRemaining: Double? {
        if done >= total { return 0 }
        let here = done - doneBefore
        return here <= 0 ? nil : elapsed / Double(here) * Double(total - done)
    }

    /// One line: "12/40 done (8 complete, 3 pruned, 2 failed (1 replaced)), 2 running, best 0.91 (trial 7), 00:12
    /// elapsed, ~00:28 left"; `RunSummary` counts failures the same way.
    public var line: String {
        let best = bestValue.map { "best \(formatNumber(abs($0) < 1e300 ? ($0 * 1e4).rounded() / 1e4 : $0)) (trial \(bestNumber ?? -1))" } ?? "no best yet"
        let left = estimatedRemaining.flatMap { $0 > 0 ? ", ~\(clock($0)) left" : nil } ?? ""
        return "\(done)/\(total) done (\(complete) complete, \(pruned) pruned, \(Self.failures(failed, replaced: replaced))), \(running) running, \(best), \(clock(elapsed)) elapsed\(left)"
    }

    /// "3 failed", or "3 failed (2 replaced)" when some were replaced: the progress line and the
    /// run's summary say it alike.
    static func failures(_ failed: Int, replaced: Int) -> String {
        replaced > 0 ? "\(failed) failed (\(replaced) replaced)" : "\(failed) failed"
    }

    private func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds < 1e9 else { return "--:--" }
        let s = Int(seconds.rounded())
        return String(format: "%02d:%02d", s / 60, s % 60)
    }
}
