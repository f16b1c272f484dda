import Foundation

/// Where studies and trials live. Implementations: `InMemoryStorage` (`memory:`), `SQLiteStorage`
/// (`sqlite:PATH`), `PostgresStorage` (`postgres://`). Every implementation passes `SweepTesting`'s
/// storage conformance suite.
///
/// The seam is asynchronous: a storage on a network (PostgreSQL) or a file other processes lock
/// (SQLite) waits without holding a thread. A storage that answers from memory may implement the
/// requirements synchronously. The engine that decides (`StudyIndex`, samplers, pruners) stays
/// synchronous: a `Study` awaits the storage, then decides.
///
/// Rules every storage keeps:
/// - Trial numbers within a study are 0, 1, 2, … assigned atomically: many processes creating trials
///   at once never get the same number.
/// - Once a call returns, what it wrote survives a crash of the process.
/// - A finished trial is frozen: reports, parameters and state changes to it throw
///   `SweepError.trialFinished`. Notes and attributes (user and system) may still be added.
/// - A new trial starts `running` or `waiting`; any other state is `invalidArgument`.
/// - `changes(study:after:)` is a feed: every trial that finished and every trial system
///   attribute set after the cursor, in the order they happened, plus the new cursor. Studies keep
///   their pruning statistics up to date from it, so a decision costs the same at 100 trials as at
///   100,000.
public protocol Storage: Sendable {
    /// Creates a study; throws `duplicateStudy` when the name is taken.
    func createStudy(_ config: StudyConfig) async throws -> StudyRecord
    /// The study with this name; throws `unknownStudy`.
    func study(named name: String) async throws -> StudyRecord
    /// Every study with its trial counts and best value.
    func studies() async throws -> [StudySummary]
    /// Sets a user (or, with `system`, an engine) attribute on a study.
    func setStudyAttribute(study: Int64, key: String, value: JSONValue, system: Bool) async throws
    /// Appends a note to a study's research log.
    func addStudyNote(study: Int64, note: Note) async throws

    /// Creates a trial with the next number. `draft.state` is `.running` (asked) or `.waiting`
    /// (enqueued).
    func createTrial(study: Int64, draft: TrialDraft) async throws -> Trial
    /// Sets the parameters of a running trial (after the sampler has drawn them).
    func setParams(trial: Int64, params: [String: ParamValue], distributions: [String: Distribution]) async throws
    /// Records metric values at a step. Returns false when every metric was already reported at
    /// this step (the first report is kept, as in Optuna).
    @discardableResult
    func report(trial: Int64, step: Int, metrics: [String: Double]) async throws -> Bool
    /// Records one metric's value at a step (the hot path of a study); same rules as above.
    @discardableResult
    func report(trial: Int64, step: Int, metric: String, value: Double) async throws -> Bool
    /// Records many steps of one trial in one step of the storage (a group commit: what a running
    /// command printed while the last write was in flight), with the same rules as one report
    /// each. Returns how many steps had a new value.
    @discardableResult
    func report(trial: Int64, steps: [StepReport]) async throws -> Int
    /// Records the steps as `report(trial:steps:)` does, then reads what changed in `study` after
    /// `cursor` as `changes(study:after:curves:)`: a report and the read a decision on it needs,
    /// in one step of the storage where it can (one round trip on PostgreSQL).
    func report(
        trial: Int64, steps: [StepReport], thenChangesOf study: Int64, after cursor: Int64, curves: CurveSelection
    ) async throws -> (added: Int, changes: StudyChanges)
    /// Sets a user (or, with `system`, an engine) attribute on a trial.
    func setTrialAttribute(trial: Int64, key: String, value: JSONValue, system: Bool) async throws
    /// Appends a note to a trial.
    func addTrialNote(trial: Int64, note: Note) async throws
    /// Finishes a running trial and returns it as stored.
    @discardableResult
    func finishTrial(trial: Int64, state: TrialState, value: Double?, finished: Date) async throws -> Trial
    /// Finishes a running trial and sets attributes on it in the same step, reading nothing back:
    /// the hot path of `Study.tell`. Throws `trialFinished` (and sets nothing) when the trial had
    /// already finished.
    func endTrial(trial: Int64, state: TrialState, value: Double?, finished: Date, attributes: TrialEndAttributes) async throws

    /// Adds finished trials that ran elsewhere, numbered after the study's last, each with its
    /// curves and its feed row (in one step where the storage can: a bulk load, all or none).
    /// A draft that is not complete, pruned or failed is `invalidArgument`, before anything is written.
    func importTrials(study: Int64, _ drafts: [FinishedTrialDraft]) async throws

    /// The trial with this storage id.
    func trial(id: Int64) async throws -> Trial
    /// The trial with this number in the study; throws `unknownTrial`.
    func trial(study: Int64, number: Int) async throws -> Trial
    /// The study's trials in number order, optionally only those in `states`.
    func trials(study: Int64, states: Set<TrialState>?) async throws -> [Trial]
    /// The same, with only the chosen curves, filtered in the query: a table or a parameter plot of
    /// 10,000 trials reads no curve (`.only([])`), a plot of the objective only that one.
    func trials(study: Int64, states: Set<TrialState>?, curves: CurveSelection) async throws -> [Trial]
    /// The trials with these storage ids that exist, in number order, with the chosen curves: a
    /// page that draws the best 100 of 10,000 trials reads those 100.
    func trials(ids: [Int64], curves: CurveSelection) async throws -> [Trial]
    /// How many trials the study has in every state, read without loading them. Trial numbers run
    /// 0, 1, 2, ... without gaps, so this is also the number the next trial gets.
    func trialCount(study: Int64) async throws -> Int
    /// The complete trial with the best value (the first to finish on ties), with its curves; nil
    /// when no trial completed with a number.
    func bestTrial(study: Int64, direction: Direction) async throws -> Trial?
    /// What changed in the study after `cursor` (0 = from the start).
    func changes(study: Int64, after cursor: Int64) async throws -> StudyChanges
    /// The same, with only the chosen curves on the finished trials: a study's index needs its
    /// objective alone, a progress count none, and a long curve of another metric is not read.
    func changes(study: Int64, after cursor: Int64, curves: CurveSelection) async throws -> StudyChanges

    // MARK: Index snapshots (docs/architecture.md)

    /// The study's stored index snapshot, nil when none was stored.
    func indexSnapshot(study: Int64) async throws -> IndexSnapshot?
    /// Stores an index snapshot unless the stored one is at the same or a later cursor (an older
    /// snapshot never replaces a newer one). Deleting the study deletes it.
    func storeIndexSnapshot(study: Int64, _ snapshot: IndexSnapshot) async throws
    /// The cursor of the stored snapshot (nil when none), read without its bytes.
    func indexSnapshotCursor(study: Int64) async throws -> Int64?
    /// Whether `Study` handles should read and store snapshots here: true where a new process
    /// would otherwise read the whole feed (SQLite, PostgreSQL), false in memory.
    var keepsIndexSnapshots: Bool { get }

    // MARK: Claims and liveness (docs/architecture.md)

    /// Starts a trial in one step, so that workers in many processes never overshoot the target:
    /// when `request.target` is set and the trials that count (`Trial.countsTowardTarget`) have
    /// reached it, claims nothing and returns `.full`; otherwise turns the oldest waiting trial
    /// into a running one, or else creates a trial with the next number, and sets the parameters
    /// `draw` returns (given the number and the waiting trial's own parameters). When `draw`
    /// throws, nothing is claimed or created and the error is rethrown. The trial's heartbeat
    /// starts at the storage's clock.
    func claimTrial(study: Int64, request: ClaimRequest, draw: TrialDraw) async throws -> TrialClaim
    /// Stamps the running trials' heartbeats with the storage's clock (finished ones are skipped).
    func beat(trials: [Int64]) async throws
    /// Fails every running trial of the study whose heartbeat timeout is set and whose last
    /// heartbeat (or report, or start) is older than it on the storage's clock, replacing it as
    /// `replacement` says. Each trial is failed by one conditional change: when several workers
    /// reap at once, each dead trial is failed, and its retry queued, exactly once. The trials in
    /// `sparing` (the reaping process's own, which it knows are alive) are stamped alive in the
    /// same step first, so a reap that waited for a lock longer than their timeout never fails
    /// its own caller's trials.
    func reapStaleTrials(study: Int64, replacement: Replacement, sparing: [Int64]) async throws -> [FailedTrial]
    /// Fails a running trial with a reason and replaces it as `replacement` says, in one step.
    /// Returns nil, changing nothing, when the trial had already finished.
    func failTrial(trial: Int64, reason: String, replacement: Replacement, finished: Date) async throws -> FailedTrial?

    // MARK: Administration

    /// Deletes a study with its trials, reports, notes and attributes, in one step; its name is
    /// free again. Throws when no study has this id.
    func deleteStudy(_ study: Int64) async throws
    /// Renames a study; throws `duplicateStudy` when another study has `newName` (renaming to its
    /// own name changes nothing).
    func renameStudy(_ study: Int64, to newName: String) async throws

    // MARK: Judging

    /// Stores a judge's question about a running trial at a step; `asked` is now on the storage's
    /// clock and the deadline `timeout` seconds later. Throws `trialFinished` for a finished trial.
    func openCheckpoint(trial: Int64, step: Int, brief: String, timeout: Double) async throws -> Checkpoint
    /// One question, with its answer if it has one; throws `invalidArgument` for an unknown id.
    func checkpoint(id: Int64) async throws -> Checkpoint
    /// A study's questions in the order they were asked: all of them, or only the unanswered ones
    /// of trials still running (`openOnly`).
    func checkpoints(study: Int64, openOnly: Bool) async throws -> [Checkpoint]
    /// Answers a question unless it has an answer already; returns the question with the answer
    /// that counts (the first one stored; compare `by` to know whether it was this one). The
    /// answer's time is set by the storage. Throws `invalidArgument` for an unknown id.
    func answerCheckpoint(id: Int64, answer: CheckpointAnswer) async throws -> Checkpoint
    /// Stores a pairwise label on two trials of a study (the time is the storage's); throws
    /// `invalidArgument` when a trial number is not in the study or both are the same trial.
    func addLabel(study: Int64, label: PairLabel) async throws -> PairLabel
    /// A study's pairwise labels in the order they were given.
    func labels(study: Int64) async throws -> [PairLabel]
}

extension Storage {
    /// By default: the report, then the read.
    public func report(
        trial: Int64, steps: [StepReport], thenChangesOf study: Int64, after cursor: Int64, curves: CurveSelection
    ) async throws -> (added: Int, changes: StudyChanges) {
        let added = try await report(trial: trial, steps: steps)
        return (added, try await changes(study: study, after: cursor, curves: curves))
    }

    /// By default: finish the trial (which throws when it had already finished), then set the
    /// attributes one by one (attributes may be set on finished trials).
    public func endTrial(
        trial: Int64, state: TrialState, value: Double?, finished: Date, attributes: TrialEndAttributes
    ) async throws {
        try await finishTrial(trial: trial, state: state, value: value, finished: finished)
        for (key, value) in attributes.user.sorted(by: { $0.key < $1.key }) {
            try await setTrialAttribute(trial: trial, key: key, value: value, system: false)
        }
        for (key, value) in attributes.system.sorted(by: { $0.key < $1.key }) {
            try await setTrialAttribute(trial: trial, key: key, value: value, system: true)
        }
    }

    /// Reaps sparing nothing: for a process that runs no trials of the study.
    public func reapStaleTrials(study: Int64, replacement: Replacement) async throws -> [FailedTrial] {
        try await reapStaleTrials(study: study, replacement: replacement, sparing: [])
    }

    /// By default, read every complete trial and choose.
    public func bestTrial(study: Int64, direction: Direction) async throws -> Trial? {
        var best: Trial?
        let complete = try await trials(study: study, states: [.complete]).sorted {
            ($0.finished ?? .distantPast, $0.number) < ($1.finished ?? .distantPast, $1.number)
        }
        for trial in complete {
            guard let value = trial.value, !value.isNaN else { continue }
            if let current = best?.value, !direction.isBetter(value, than: current) { continue }
            best = trial
        }
        return best
    }

    /// By default, every trial with every curve, and the unchosen curves dropped.
    public func trials(study: Int64, states: Set<TrialState>?, curves: CurveSelection) async throws -> [Trial] {
        var trials = try await self.trials(study: study, states: states)
        for i in trials.indices { trials[i].metrics = curves.select(trials[i].metrics) }
        return trials
    }

    /// By default, trial by trial (create, report, end), so a failure part way keeps the trials
    /// imported before it; SQLite does it in one transaction.
    public func importTrials(study: Int64, _ drafts: [FinishedTrialDraft]) async throws {
        try FinishedTrialDraft.checkStates(drafts)
        for draft in drafts {
            let trial = try await createTrial(
                study: study,
                draft: TrialDraft(
                    state: .running, params: draft.params, distributions: draft.distributions,
                    userAttributes: draft.userAttributes, started: draft.started))
            if !draft.metrics.isEmpty { try await report(trial: trial.id, steps: draft.steps) }
            try await endTrial(
                trial: trial.id, state: draft.state, value: draft.value, finished: draft.finished,
                attributes: TrialEndAttributes())
        }
    }

    /// By default, one trial after another (an id that reads as no trial is left out: a storage
    /// in memory fails no other way), and the unchosen curves dropped.
    public func trials(ids: [Int64], curves: CurveSelection) async throws -> [Trial] {
        var found: [Trial] = []
        for id in Set(ids) {
            guard var trial = try? await trial(id: id) else { continue }
            trial.metrics = curves.select(trial.metrics)
            found.append(trial)
        }
        return found.sorted { $0.number < $1.number }
    }

    /// By default, every change with every curve, and the unchosen curves dropped.
    public func changes(study: Int64, after cursor: Int64, curves: CurveSelection) async throws -> StudyChanges {
        var changes = try await changes(study: study, after: cursor)
        for i in changes.finished.indices { changes.finished[i].metrics = curves.select(changes.finished[i].metrics) }
        return changes
    }

    /// By default, one report after another (a storage with transactions writes them in one).
    @discardableResult
    public func report(trial: Int64, steps: [StepReport]) async throws -> Int {
        var recorded = 0
        for report in steps where try await self.report(trial: trial, step: report.step, metrics: report.metrics) {
            recorded += 1
        }
        return recorded
    }

    /// By default a one-metric report is a report of a one-entry dictionary.
    @discardableResult
    public func report(trial: Int64, step: Int, metric: String, value: Double) async throws -> Bool {
        try await report(trial: trial, step: step, metrics: [metric: value])
    }
}

/// Attributes a trial gets as it ends (a prune reason, a failure reason).
public struct TrialEndAttributes: Sendable, Hashable {
    public var user: [String: JSONValue]
    public var system: [String: JSONValue]

    public init(user: [String: JSONValue] = [:], system: [String: JSONValue] = [:]) {
        self.user = user
        self.system = system
    }

    public var isEmpty: Bool { user.isEmpty && system.isEmpty }
}

/// What a new trial starts with.
public struct TrialDraft: Sendable, Hashable {
    public var state: TrialState
    public var params: [String: ParamValue]
    public var distributions: [String: Distribution]
    public var userAttributes: [String: JSONValue]
    public var systemAttributes: [String: JSONValue]
    public var started: Date?

    public init(
        state: TrialState = .running, params: [String: ParamValue] = [:], distributions: [String: Distribution] = [:],
        userAttributes: [String: JSONValue] = [:], systemAttributes: [String: JSONValue] = [:], started: Date? = nil
    ) {
        self.state = state
        self.params = params
        self.distributions = distributions
        self.userAttributes = userAttributes
        self.systemAttributes = systemAttributes
        self.started = started
    }
}

/// The feed `Storage.changes(study:after:)` returns.
public struct StudyChanges: Sendable, Hashable {
    /// Pass this as `after` next time.
    public var cursor: Int64
    /// Trials that finished after the old cursor, in the order they finished.
    public var finished: [Trial]
    /// Trial system attributes set after the old cursor, in order.
    public var trialAttributes: [TrialAttributeChange]
    /// Study system attributes set after the old cursor (latest value per key).
    public var studyAttributes: [String: JSONValue]

    public init(
        cursor: Int64, finished: [Trial] = [], trialAttributes: [TrialAttributeChange] = [],
        studyAttributes: [String: JSONValue] = [:]
    ) {
        self.cursor = cursor
        self.finished = finished
        self.trialAttributes = trialAttributes
        self.studyAttributes = studyAttributes
    }

    public var isEmpty: Bool { finished.isEmpty && trialAttributes.isEmpty && studyAttributes.isEmpty }

    /// How many changes the feed delivered (a study attribute set twice counts once).
    public var count: Int { finished.count + trialAttributes.count + studyAttributes.count }
}

/// Which curves come with trials read in bulk (`Storage.changes(study:after:curves:)`,
/// `Storage.trials(study:states:curves:)`).
public enum CurveSelection: Sendable, Hashable {
    case all
    /// Only these metrics' curves (none with an empty set).
    case only(Set<String>)
    /// Only these metrics, each with its report at its largest step alone: a table's last step
    /// and last value without reading curves of thousands of steps.
    case lastOnly(Set<String>)

    /// Whether the curve of `metric` is chosen.
    public func contains(_ metric: String) -> Bool {
        switch self {
        case .all: return true
        case .only(let names), .lastOnly(let names): return names.contains(metric)
        }
    }

    /// The chosen metrics of a trial as this selection keeps them.
    public func select(_ metrics: [String: MetricCurve]) -> [String: MetricCurve] {
        switch self {
        case .all:
            return metrics
        case .only(let names):
            return metrics.filter { names.contains($0.key) }
        case .lastOnly(let names):
            return metrics.filter { names.contains($0.key) }.compactMapValues { curve in
                guard let step = curve.lastStep, let value = curve.lastValue else { return nil }
                return MetricCurve(steps: [step], values: [value])
            }
        }
    }
}

/// One trial system attribute set.
public struct TrialAttributeChange: Sendable, Hashable {
    public var trialNumber: Int
    public var key: String
    public var value: JSONValue
    public init(trialNumber: Int, key: String, value: JSONValue) {
        self.trialNumber = trialNumber
        self.key = key
        self.value = value
    }
}
