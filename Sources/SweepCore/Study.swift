import Foundation

/// The study's index, handed to a sampler that runs on another thread (inside a storage's claim,
/// or on a thread of its own). Safe to share for that call: the `Study` that owns the index awaits
/// it, so nothing changes the index until the sampler has returned.
/// A study's index lent to work on a thread of its own (a slow sampler, a judge) while the study
/// awaits that work: the study changes its index only between its own awaits, never while it is
/// lent, so no one reads it while it changes.
public struct LentIndex: @unchecked Sendable {
    public let index: StudyIndex
    public init(_ index: StudyIndex) { self.index = index }
}

/// A handle on one study in a storage: ask for trials, report their progress, ask whether to
/// prune, tell how they ended.
///
/// Each process (or worker) holds its own `Study`; they share the storage. A `Study` keeps a
/// `StudyIndex` of the finished trials up to date from the storage's change feed, so each
/// decision reads only what changed since the last one.
///
/// ```swift
/// let study = try await Study.create(StudyConfig(name: "demo", space: space), storage: InMemoryStorage(),
///                                    sampler: sampler, pruner: pruner)
/// let trial = try await study.ask()
/// for step in 0..<10 {
///     try await study.report(trial: trial.number, step: step, value: f(trial.params, step))
///     if try await study.shouldPrune(trial: trial.number).prune { break }
/// }
/// try await study.tell(trial: trial.number, state: .complete, value: 0.9)
/// ```
public final class Study {
    public let storage: any Storage
    public private(set) var record: StudyRecord
    public var sampler: any Sampler
    public var pruner: any Pruner
    /// The finished trials as of the last sync.
    public private(set) var index: StudyIndex
    private var cursor: Int64 = 0
    /// Feed changes applied since this handle last loaded or stored an index snapshot.
    private var changesSinceSnapshot = 0
    /// The cursor of the snapshot this handle last loaded, stored or saw stored.
    private var snapshotCursor: Int64?
    /// Whether this handle has looked for a stored snapshot (once: an empty feed keeps the cursor
    /// at 0, and a decision must not read the snapshot again each time).
    private var lookedForSnapshot = false
    private var live: [Int: LiveTrial] = [:]
    private let defaultDistributions: [String: Distribution]
    private let now: @Sendable () -> Date

    /// A running trial this handle reports for. A class, so the hot path updates it in place
    /// without copying its curve out of the dictionary and back.
    private final class LiveTrial {
        let id: Int64
        var progress: TrialProgress
        /// The reason of the last prune decision, stored when the trial is told pruned.
        var pruneReason: String?
        /// Whether the index was brought up to date with the trial's last report, so the next
        /// decision on it need not read the storage again.
        var syncedWithReport = false

        init(id: Int64, progress: TrialProgress) {
            self.id = id
            self.progress = progress
        }
    }

    /// Opens a stored study with the given sampler and pruner.
    public init(
        record: StudyRecord, storage: any Storage, sampler: any Sampler, pruner: any Pruner,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.record = record
        self.storage = storage
        self.sampler = sampler
        self.pruner = pruner
        self.now = clock
        self.defaultDistributions = record.config.space.distributions
        self.index = Self.emptyIndex(record)
    }

    /// Creates a new study in the storage.
    public static func create(
        _ config: StudyConfig, storage: any Storage, sampler: any Sampler, pruner: any Pruner
    ) async throws -> Study {
        Study(record: try await storage.createStudy(config), storage: storage, sampler: sampler, pruner: pruner)
    }

    /// Opens an existing study by name.
    public static func load(
        named name: String, storage: any Storage, sampler: any Sampler, pruner: any Pruner
    ) async throws -> Study {
        Study(record: try await storage.study(named: name), storage: storage, sampler: sampler, pruner: pruner)
    }

    public var name: String { record.name }
    public var direction: Direction { record.config.direction }
    public var objective: String { record.config.objective }

    /// Folds what changed in storage since the last sync into the index, which then holds every
    /// finished trial (`StudyIndex.finished`), as samplers that read the study need.
    public func sync() async throws {
        try await sync(needsFinishedTrials: true)
    }

    /// Brings the index up to date. Without `needsFinishedTrials` (a pruner's or judge's decision,
    /// the best trial), a handle that has read nothing yet starts from the study's stored index
    /// snapshot, when the storage keeps them, and reads only the feed after it; with it, an index
    /// restored from a snapshot is rebuilt from the whole feed. Every `snapshotInterval(_:)`
    /// changes the handle stores a new snapshot, unless another handle stored one meanwhile.
    private func sync(needsFinishedTrials: Bool) async throws {
        try await prepareSync(needsFinishedTrials: needsFinishedTrials)
        try await fold(try await storage.changes(study: record.id, after: cursor, curves: indexCurves))
    }

    /// The index keeps the objective's curve only: other metrics' curves are not read.
    private var indexCurves: CurveSelection { .only([record.config.objective]) }

    /// Before reading the feed after `cursor`: starts over for a sampler that needs every
    /// finished trial, or from the stored snapshot for a decision (see `sync(needsFinishedTrials:)`).
    private func prepareSync(needsFinishedTrials: Bool) async throws {
        if needsFinishedTrials && !index.holdsFinishedTrials {
            index = Self.emptyIndex(record)
            cursor = 0
        } else if !needsFinishedTrials && !lookedForSnapshot && cursor == 0 && storage.keepsIndexSnapshots {
            lookedForSnapshot = true
            try await restoreSnapshot()
        }
    }

    /// Applies changes read after `cursor` to the index, and stores a snapshot when it is time.
    private func fold(_ changes: StudyChanges) async throws {
        cursor = changes.cursor
        guard !changes.isEmpty else { return }
        index.apply(changes)
        for trial in changes.finished { live[trial.number] = nil }
        guard storage.keepsIndexSnapshots else { return }
        changesSinceSnapshot += changes.count
        if changesSinceSnapshot >= Self.snapshotInterval(completed: index.completedCount) { try await storeSnapshot() }
    }

    /// How many feed changes a handle applies between two snapshots: the square root of the
    /// complete trials (at least 256), so that both a new handle's tail and the amortised cost
    /// of writing snapshots grow far slower than the study.
    public static func snapshotInterval(completed: Int) -> Int {
        max(256, Int(Double(completed).squareRoot()))
    }

    /// An index of no trial yet for the study `record` describes.
    private static func emptyIndex(_ record: StudyRecord) -> StudyIndex {
        StudyIndex(name: record.name, direction: record.config.direction, objective: record.config.objective)
    }

    /// Starts the index from the stored snapshot. A snapshot this Sweep cannot read (another
    /// version, damaged bytes) is a cache miss: the index is built from the feed, and the next
    /// snapshot stored replaces it.
    private func restoreSnapshot() async throws {
        guard let snapshot = try await storage.indexSnapshot(study: record.id) else { return }
        snapshotCursor = snapshot.cursor
        guard let restored = try? StudyIndex.restore(
            snapshot, name: record.name, direction: record.config.direction, objective: record.config.objective)
        else { return }
        index = restored
        cursor = snapshot.cursor
    }

    private func storeSnapshot() async throws {
        changesSinceSnapshot = 0
        if let stored = try await storage.indexSnapshotCursor(study: record.id), stored >= cursor || stored != snapshotCursor {
            // Another handle stored one since this handle's last: count from there.
            snapshotCursor = stored
            return
        }
        try await storage.storeIndexSnapshot(study: record.id, try index.snapshot(cursor: cursor))
        snapshotCursor = cursor
    }

    // MARK: - Ask

    /// Starts a trial: the oldest enqueued one if any (its missing parameters sampled), otherwise a
    /// new one with every parameter of `space` (default: the study's space) sampled. A sampler that
    /// throws (a grid with no point left, say) starts nothing.
    public func ask(space: SearchSpace? = nil) async throws -> Trial {
        guard case .claimed(let trial) = try await claim(space: space) else {
            throw SweepError.storage("a claim without a target came back full")  // storages never do this
        }
        return trial
    }

    /// Starts a trial as `ask` does, in one step of the storage that first checks the study's
    /// target: when `target` trials count already (`Trial.countsTowardTarget`, running ones
    /// anywhere included), starts nothing and returns `.full`. `heartbeatTimeout` lets any worker
    /// fail the trial after that many seconds without a heartbeat or report.
    public func claim(space: SearchSpace? = nil, target: Int? = nil, heartbeatTimeout: Double? = nil) async throws -> TrialClaim {
        if sampler.readsStudy { try await sync() }
        let distributions = space?.distributions ?? defaultDistributions
        let space = space ?? record.config.space
        let request = ClaimRequest(started: now(), target: target, heartbeatTimeout: heartbeatTimeout)
        let sampler = self.sampler
        let config = record.config
        if sampler.samplesOutsideClaim {
            return try await claimThenSample(space: space, distributions: distributions, request: request)
        }
        let index = LentIndex(index)
        let claim = try await storage.claimTrial(study: record.id, request: request) { number, fixed in
            let missing = fixed.isEmpty ? space : SearchSpace(space.parameters.filter { fixed[$0.name] == nil })
            let sampled = missing.isEmpty ? [:] : try sampler.sample(
                missing, trialNumber: number, seed: config.trialSeed(number), study: index.index)
            return (sampled, distributions)
        }
        if case .claimed(let trial) = claim { remember(trial) }
        return claim
    }

    /// Claims a trial with its fixed parameters only, then samples the rest and stores them: for a
    /// slow sampler, which must not run inside the claim's transaction. A sampler that throws
    /// fails the claimed trial (not replaced) and the error is rethrown.
    private func claimThenSample(
        space: SearchSpace, distributions: [String: Distribution], request: ClaimRequest
    ) async throws -> TrialClaim {
        let claim = try await storage.claimTrial(study: record.id, request: request) { _, _ in ([:], distributions) }
        guard case .claimed(var trial) = claim else { return claim }
        let missing = SearchSpace(space.parameters.filter { trial.params[$0.name] == nil })
        let (sampler, number, seed, index) = (sampler, trial.number, record.config.trialSeed(trial.number), LentIndex(index))
        do {
            // On a thread of its own: the program it runs must not hold one of the few threads tasks share.
            let sampled = missing.isEmpty ? [:] : try await onOwnThread {
                Result { try sampler.sample(missing, trialNumber: number, seed: seed, study: index.index) }
            }.get()
            if !sampled.isEmpty { try await storage.setParams(trial: trial.id, params: sampled, distributions: distributions) }
            trial.params.merge(sampled) { fixed, _ in fixed }
        } catch {
            let reason = "the sampler could not propose parameters: \(error)"
            _ = try? await storage.failTrial(trial: trial.id, reason: reason, replacement: .none, finished: now())
            throw error
        }
        remember(trial)
        return .claimed(trial)
    }

    /// Queues a trial with fixed parameters; the next `ask` runs it. A name the study's space does
    /// not have is refused (when it has a space); values are taken as their distribution's kind
    /// (2 for a float is 2.0) and checked against it.
    @discardableResult
    public func enqueue(params: [String: ParamValue], userAttributes: [String: JSONValue] = [:]) async throws -> Trial {
        let space = record.config.space
        try space.checkNames(params.keys, study: record.name)
        var values = params
        var distributions: [String: Distribution] = [:]
        for (name, value) in params {
            guard let d = space[name] else { continue }
            let fitted = Self.coerce(value, to: d)
            guard d.toInternal(fitted) != nil else {
                throw SweepError.invalidArgument("enqueued value \(value) for '\(name)' is outside its distribution \(d)")
            }
            values[name] = fitted
            distributions[name] = d
        }
        return try await storage.createTrial(
            study: record.id,
            draft: TrialDraft(state: .waiting, params: values, distributions: distributions, userAttributes: userAttributes))
    }

    // MARK: - Report, prune, tell

    /// Reports the objective metric at a step.
    @discardableResult
    public func report(trial number: Int, step: Int, value: Double) async throws -> Bool {
        guard step >= 0 else { throw SweepError.invalidArgument("step must be >= 0, got \(step)") }
        let entry = try await liveTrial(number)
        let recorded: Bool
        if pruner.readsStudy {
            recorded = try await reportAndSync(entry, [StepReport(step: step, metrics: [record.config.objective: value])]) > 0
        } else {
            recorded = try await storage.report(trial: entry.id, step: step, metric: record.config.objective, value: value)
        }
        entry.progress.record(step: step, value: value)
        return recorded
    }

    /// Keeps the objective's standard error over seed repeats (`<objective>[se]`) for the judge,
    /// when the report carries one.
    private func recordStandardError(of metrics: [String: Double], step: Int, in entry: LiveTrial) {
        if let se = metrics[standardErrorName] { entry.progress.recordStandardError(step: step, value: se) }
    }

    private var standardErrorName: String { TrialProgress.standardErrorName(of: record.config.objective) }

    /// Stores reports that hold the objective and brings the index up to date in the same step of
    /// the storage, for the decision that follows: a decision right after a report sees the study
    /// as it was when the report was stored.
    private func reportAndSync(_ entry: LiveTrial, _ steps: [StepReport]) async throws -> Int {
        try await prepareSync(needsFinishedTrials: false)
        let (added, changes) = try await storage.report(
            trial: entry.id, steps: steps, thenChangesOf: record.id, after: cursor, curves: indexCurves)
        try await fold(changes)
        entry.syncedWithReport = true
        return added
    }

    /// Reports several named metrics at one step. Returns false when the step had been reported
    /// already (the first values are kept).
    @discardableResult
    public func report(trial number: Int, step: Int, metrics: [String: Double]) async throws -> Bool {
        guard step >= 0 else { throw SweepError.invalidArgument("step must be >= 0, got \(step)") }
        guard !metrics.isEmpty else { throw SweepError.invalidArgument("a report needs at least one metric value") }
        let entry = try await liveTrial(number)
        let value = metrics[record.config.objective]
        let recorded: Bool
        if pruner.readsStudy && value != nil {
            recorded = try await reportAndSync(entry, [StepReport(step: step, metrics: metrics)]) > 0
        } else {
            recorded = try await storage.report(trial: entry.id, step: step, metrics: metrics)
        }
        if let value { entry.progress.record(step: step, value: value) }
        recordStandardError(of: metrics, step: step, in: entry)
        return recorded
    }

    /// Reports many steps at once, in one step of the storage: what a command printed while the
    /// last write was in flight. Returns how many steps had a new value.
    @discardableResult
    public func report(trial number: Int, steps: [StepReport]) async throws -> Int {
        for report in steps {
            guard report.step >= 0 else { throw SweepError.invalidArgument("step must be >= 0, got \(report.step)") }
            guard !report.metrics.isEmpty else {
                throw SweepError.invalidArgument("a report needs at least one metric value (step \(report.step))")
            }
        }
        let entry = try await liveTrial(number)
        let objective = record.config.objective
        let recorded =
            pruner.readsStudy && steps.contains(where: { $0.metrics[objective] != nil })
            ? try await reportAndSync(entry, steps) : try await storage.report(trial: entry.id, steps: steps)
        for report in steps {
            if let value = report.metrics[objective] { entry.progress.record(step: report.step, value: value) }
            recordStandardError(of: report.metrics, step: report.step, in: entry)
        }
        return recorded
    }

    /// Records values at a step and, when the objective is among them, asks the pruner; a prune is
    /// told at once, so the trial has ended pruned when this returns true. What `sweep report` and
    /// the HTTP report do for a trial driven from outside.
    public func reportAndJudge(trial number: Int, step: Int, metrics: [String: Double]) async throws -> Bool {
        try await report(trial: number, step: step, metrics: metrics)
        guard metrics[objective] != nil else { return false }
        guard try await shouldPrune(trial: number).prune else { return false }
        try await tell(trial: number, state: .pruned)
        return true
    }

    /// Marks a running trial alive on the storage's clock (a report does too). A waiting or
    /// finished trial is refused by name.
    public func beat(trial number: Int) async throws {
        let trial = try await storage.trial(study: record.id, number: number)
        switch trial.state {
        case .running: try await storage.beat(trials: [trial.id])
        case .waiting: throw SweepError.invalidArgument("trial \(number) is waiting in the queue; ask for it before beating")
        default: throw SweepError.trialFinished(study: name, number: number, state: trial.state)
        }
    }

    /// Asks the pruner whether the trial should stop now, and records what the pruner keeps. A
    /// `Judge` is awaited: it may wait for an answer to a question it stored (`CheckpointDesk`).
    ///
    /// A prune decision's reason is stored (as the user attribute `prune_reason`) when the trial
    /// is told pruned through this handle. A process that hands the decision on and lets another
    /// one tell (like `sweep should-prune`) stores it at once with `recordPruneReason`.
    ///
    /// The decision sees the study as it was at the trial's last report through this handle (which
    /// read the changes with it), or else reads them now.
    public func shouldPrune(trial number: Int) async throws -> PruneDecision {
        let fresh = live[number]?.syncedWithReport == true
        if pruner.readsStudy && !fresh { try await sync(needsFinishedTrials: false) }
        let entry = try await liveTrial(number)
        entry.syncedWithReport = false
        let decision =
            if let judge = pruner as? any Judge {
                try await judge.judge(entry.progress, in: index, desk: CheckpointDesk(storage: storage, trial: entry.id))
            } else {
                pruner.decide(entry.progress, in: index)
            }
        if !decision.trialAttributes.isEmpty {
            for (key, value) in decision.trialAttributes.sorted(by: { $0.key < $1.key }) {
                try await storage.setTrialAttribute(trial: entry.id, key: key, value: value, system: true)
                entry.progress.systemAttributes[key] = value
            }
        }
        for (key, value) in decision.studyAttributes.sorted(by: { $0.key < $1.key }) {
            try await storage.setStudyAttribute(study: record.id, key: key, value: value, system: true)
        }
        entry.pruneReason = decision.prune ? decision.reason : nil
        if !decision.notes.isEmpty || !decision.suggestions.isEmpty {
            try await recordJudgement(decision, trial: entry.id, number: number)
        }
        return decision
    }

    /// Writes a judge's notes on the trial and enqueues its suggestions; a suggestion the study's
    /// space refuses becomes a note saying why, not an error.
    private func recordJudgement(_ decision: PruneDecision, trial id: Int64, number: Int) async throws {
        var notes = decision.notes
        let space = record.config.space
        for params in decision.suggestions {
            let unknown = params.keys.filter { space[$0] == nil }.sorted()
            if !space.isEmpty && !unknown.isEmpty {
                notes.append("suggestion \(Self.describe(params)) refused: the study has no parameter \(unknown.joined(separator: ", "))")
                continue
            }
            do {
                let queued = try await enqueue(params: params, userAttributes: ["suggested_by_trial": .number(Double(number))])
                notes.append("suggested trial \(queued.number) queued: \(Self.describe(params))")
            } catch let error as SweepError {
                notes.append("suggestion \(Self.describe(params)) refused: \(error)")
            }
        }
        for text in notes { try await storage.addTrialNote(trial: id, note: Note(time: now(), text: text)) }
    }

    /// A number as the distribution's kind: 2 for a float is 2.0, 3.0 for an int is 3.
    private static func coerce(_ value: ParamValue, to distribution: Distribution) -> ParamValue {
        switch (distribution, value) {
        case (.float, .int(let v)): return .double(Double(v))
        case (.int, .double(let v)) where v.rounded() == v && abs(v) < 9e15: return .int(Int(v))
        default: return value
        }
    }

    private static func describe(_ params: [String: ParamValue]) -> String {
        params.keys.sorted().map { "\($0)=\(params[$0]!)" }.joined(separator: " ")
    }

    /// Stores the reason of a prune decision on the trial now, rather than when it is told pruned.
    public func recordPruneReason(_ decision: PruneDecision, trial number: Int) async throws {
        guard decision.prune, let reason = decision.reason else { return }
        let entry = try await liveTrial(number)
        try await storage.setTrialAttribute(trial: entry.id, key: "prune_reason", value: .string(reason), system: false)
        entry.pruneReason = nil
    }

    /// Ends a trial. A trial told `complete` without a value, or `pruned`, takes the value of its
    /// objective curve as this handle knows it (the reports made through it, or the stored ones
    /// when it first met the trial) by the study's rule (`StudyConfig.value`: by default the last
    /// report); a
    /// complete trial needs a value or a report, and a NaN value fails it (as Optuna does). A
    /// pruned trial keeps no NaN value, and takes the reason of the prune decision that stopped
    /// it. Returns how the trial ended (read the stored trial with `storage.trial(id:)` when you
    /// need all of it).
    @discardableResult
    public func tell(trial number: Int, state: TrialState, value: Double? = nil) async throws -> TrialEnd {
        guard state.isFinished else {
            throw SweepError.invalidArgument("tell takes complete, pruned or failed, got \(state.rawValue)")
        }
        let entry = try await liveTrial(number)
        let ruled = record.config.value.value(of: entry.progress.curve, direction: direction)
        var finalState = state
        var finalValue = value
        var attributes = TrialEndAttributes()
        switch state {
        case .complete:
            guard let v = value ?? ruled else {
                throw SweepError.invalidArgument(
                    "a complete trial needs a value (for example --value 0.93) or a report of '\(objective)'")
            }
            finalValue = v
            if v.isNaN {
                finalState = .failed
                attributes.system["fail_reason"] = .string("the objective value was NaN")
            }
        case .pruned:
            if value == nil, let ruled, !ruled.isNaN { finalValue = ruled }
            if let reason = entry.pruneReason { attributes.user["prune_reason"] = .string(reason) }
        default:
            break
        }
        if finalState == .failed { finalValue = value?.isNaN == true ? nil : value }
        try await storage.endTrial(trial: entry.id, state: finalState, value: finalValue, finished: now(), attributes: attributes)
        live[number] = nil
        return TrialEnd(id: entry.id, number: number, state: finalState, value: finalValue)
    }

    // MARK: - Notes and attributes

    /// Adds a note to the study's research log (or to a trial's, with `trial`).
    public func note(_ text: String, trial number: Int? = nil) async throws {
        let note = Note(time: now(), text: text)
        if let number {
            try await storage.addTrialNote(trial: try await storage.trial(study: record.id, number: number).id, note: note)
        } else {
            try await storage.addStudyNote(study: record.id, note: note)
        }
    }

    /// Sets a user attribute on the study (or on a trial, with `trial`).
    public func setUserAttribute(_ key: String, _ value: JSONValue, trial number: Int? = nil) async throws {
        if let number {
            let id = try await storage.trial(study: record.id, number: number).id
            try await storage.setTrialAttribute(trial: id, key: key, value: value, system: false)
        } else {
            try await storage.setStudyAttribute(study: record.id, key: key, value: value, system: false)
        }
    }

    // MARK: - Reading

    /// The study's trials in number order, with the curves `curves` chooses (every one by default).
    public func trials(states: Set<TrialState>? = nil, curves: CurveSelection = .all) async throws -> [Trial] {
        try await storage.trials(study: record.id, states: states, curves: curves)
    }

    /// The complete trial with the best value, nil when none completed. Its curves are the
    /// objective's only (the index's copy); read `storage.trial(id:)` for every metric.
    public func bestTrial() async throws -> Trial? {
        try await sync(needsFinishedTrials: false)
        return index.bestTrial
    }

    // MARK: - Live trials

    /// Drops what this handle keeps of a running trial that was ended elsewhere (for example by
    /// `Storage.failTrial`).
    public func forget(trial number: Int) {
        live[number] = nil
    }

    @discardableResult
    private func remember(_ trial: Trial) -> LiveTrial {
        let entry = LiveTrial(
            id: trial.id,
            progress: TrialProgress(
                number: trial.number, curve: trial.curve(record.config.objective),
                systemAttributes: trial.systemAttributes, params: trial.params,
                standardError: trial.curve(standardErrorName)))
        live[trial.number] = entry
        return entry
    }

    private func liveTrial(_ number: Int) async throws -> LiveTrial {
        if let entry = live[number] { return entry }
        let trial = try await storage.trial(study: record.id, number: number)
        guard trial.state == .running else {
            if trial.state == .waiting {
                throw SweepError.invalidArgument("trial \(number) is waiting in the queue; ask for it before reporting")
            }
            throw SweepError.trialFinished(study: record.name, number: number, state: trial.state)
        }
        return remember(trial)
    }
}
