/// What a study knows about its finished trials, kept up to date incrementally from the storage's
/// change feed. Samplers and pruners read it; it never touches storage itself.
///
/// Every question a pruner asks is answered without visiting all trials: per-step order
/// statistics of complete trials, the best trial, order statistics of numeric trial system
/// attributes (rungs), and the largest last step of the complete trials.
///
/// A class, so that handing it to a pruner at every report costs one reference, not a copy of
/// its tables. Only its owner (a `Study`) changes it, between decisions.
public final class StudyIndex {
    public let name: String
    public let direction: Direction
    public let objective: String
    /// Number of trials in state `complete`.
    public internal(set) var completedCount = 0
    /// Objective values of complete trials, per step.
    public internal(set) var steps: [Int: StepStatistics] = [:]
    /// The complete trial with the best final value (the first one on ties).
    public internal(set) var bestTrial: Trial?
    /// The largest `last step` among complete trials.
    public internal(set) var maxCompletedLastStep: Int?
    /// The best and the worst final value among complete trials (NaN ignored).
    public internal(set) var finalRange: ClosedRange<Double>?
    /// How far apart the complete trials' final values are (0 with one).
    public var finalSpread: Double? { finalRange.map { $0.upperBound - $0.lowerBound } }
    /// Numeric trial system attributes by key, over all trials that set them (a trial's latest
    /// value counts, once).
    public internal(set) var attributes: [String: SortedMultiset] = [:]
    /// Each key's value per trial number (the multiset above, by trial).
    var attributeValues: [String: [Int: Double]] = [:]
    /// The study's system attributes (pruner and sampler state).
    public internal(set) var studyAttributes: [String: JSONValue]
    /// Finished trials (complete, pruned, failed) in the order they finished. Empty in an index
    /// restored from a snapshot (`holdsFinishedTrials` is false there).
    public internal(set) var finished: [Trial] = []
    /// False when the index came from an `IndexSnapshot`: everything but `finished` is whole.
    public internal(set) var holdsFinishedTrials = true

    public init(name: String, direction: Direction, objective: String, studyAttributes: [String: JSONValue] = [:]) {
        self.name = name
        self.direction = direction
        self.objective = objective
        self.studyAttributes = studyAttributes
    }

    /// Complete trials' statistics at one step (empty when none reported it).
    public func statistics(atStep step: Int) -> StepStatistics {
        steps[step] ?? StepStatistics()
    }

    /// Folds a change feed into the index.
    public func apply(_ changes: StudyChanges) {
        for trial in changes.finished { add(finished: trial) }
        for change in changes.trialAttributes {
            if let old = attributeValues[change.key]?[change.trialNumber] {
                attributes[change.key]?.remove(old)
                attributeValues[change.key]?[change.trialNumber] = nil
            }
            if let v = change.value.doubleValue, !v.isNaN {
                attributes[change.key, default: SortedMultiset()].insert(v)
                attributeValues[change.key, default: [:]][change.trialNumber] = v
            }
        }
        for (key, value) in changes.studyAttributes { studyAttributes[key] = value }
    }

    /// How many winners the index keeps.
    public static let winnerCapacity = 16

    /// The best complete trials by final value, best first (the earlier finished first on ties),
    /// at most `winnerCapacity` of them: what judges compare a running trial with, at a cost that
    /// does not grow with the study.
    public internal(set) var winners: [Trial] = []

    private func add(finished trial: Trial) {
        if holdsFinishedTrials { finished.append(trial) }
        guard trial.state == .complete else { return }
        completedCount += 1
        let curve = trial.curve(objective)
        let final = trial.value.flatMap { $0.isFinite ? $0 : nil }
        for (step, value) in zip(curve.steps, curve.values) {
            steps[step, default: StepStatistics()].add(value)
            if let final, value.isFinite {
                steps[step]!.gains.insert(direction == .maximize ? final - value : value - final)
            }
        }
        if let last = curve.lastStep {
            maxCompletedLastStep = Swift.max(maxCompletedLastStep ?? last, last)
        }
        if let value = trial.value, value.isFinite {
            finalRange = finalRange.map { Swift.min($0.lowerBound, value)...Swift.max($0.upperBound, value) } ?? value...value
        }
        if let value = trial.value, !value.isNaN {
            if let best = bestTrial?.value {
                if direction.isBetter(value, than: best) { bestTrial = trial }
            } else {
                bestTrial = trial
            }
            addWinner(trial, value: value)
        }
    }

    private func addWinner(_ trial: Trial, value: Double) {
        if winners.count == Self.winnerCapacity, let last = winners.last?.value, !direction.isBetter(value, than: last) {
            return
        }
        let at = winners.firstIndex { w in w.value.map { direction.isBetter(value, than: $0) } ?? true } ?? winners.endIndex
        winners.insert(trial, at: at)
        if winners.count > Self.winnerCapacity { winners.removeLast() }
    }
}

/// The values complete trials reported at one step, and how far each went from there.
public struct StepStatistics: Sendable, Hashable {
    /// How many complete trials reported this step, NaN included.
    public internal(set) var reported = 0
    /// The finite (non-NaN) values, sorted.
    public internal(set) var values = SortedMultiset()
    /// For each complete trial with a finite value here and a finite final value: how much better
    /// its final value was than its value at this step (final − value when maximizing, value −
    /// final when minimizing; negative when it got worse), sorted. What `auto` reads to know how
    /// much a trial at this step may still gain.
    public internal(set) var gains = SortedMultiset()

    public init() {}

    /// Statistics with `reported` reports of which `values` are the finite ones.
    init(reported: Int, values: SortedMultiset, gains: SortedMultiset = SortedMultiset()) {
        self.reported = reported
        self.values = values
        self.gains = gains
    }

    public mutating func add(_ value: Double) {
        reported += 1
        if !value.isNaN { values.insert(value) }
    }
}
