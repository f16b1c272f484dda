import Foundation
import Synchronization

/// Storage in this process's memory (`memory:`): fast, shared by every `Study` handle in the
/// process, gone when it ends.
public final class InMemoryStorage: Storage {
    struct StudyState {
        var record: StudyRecord
        var trialIDs: [Int64] = []
        var waiting: [Int64] = []
        var nextWaiting = 0
        var feed: [FeedItem] = []
        var snapshot: IndexSnapshot?
        /// Deleted (`deleteStudy`): kept so that ids stay positions, never read again.
        var deleted = false
    }

    enum FeedItem {
        case finished(Int64)
        case trialAttribute(TrialAttributeChange)
        case studyAttribute(String, JSONValue)
    }

    struct State {
        var studies: [StudyState] = []
        var studyByName: [String: Int] = [:]
        var trials: [Trial] = []
        var trialStudy: [Int] = []
        /// Judges' questions; a question's id is its position + 1.
        var checkpoints: [Checkpoint] = []
        /// Pairwise labels by study position; a label's id is its place among all + 1.
        var labels: [Int: [PairLabel]] = [:]
        var labelCount: Int64 = 0
    }

    let state = Mutex(State())
    /// The storage's clock, for heartbeats.
    let clock: @Sendable () -> Date

    public init(clock: @escaping @Sendable () -> Date = { Date() }) {
        self.clock = clock
    }

    public func createStudy(_ config: StudyConfig) throws -> StudyRecord {
        try state.withLock { s throws(SweepError) -> StudyRecord in
            guard s.studyByName[config.name] == nil else { throw .duplicateStudy(config.name) }
            let record = StudyRecord(id: Int64(s.studies.count + 1), config: config)
            s.studyByName[config.name] = s.studies.count
            s.studies.append(StudyState(record: record))
            return record
        }
    }

    public func study(named name: String) throws -> StudyRecord {
        try state.withLock { s throws(SweepError) -> StudyRecord in
            guard let i = s.studyByName[name] else { throw .unknownStudy(name) }
            return s.studies[i].record
        }
    }

    public func studies() throws -> [StudySummary] {
        state.withLock { s in
            s.studies.filter { !$0.deleted }.map { st in
                let trials = st.trialIDs.map { s.trials[Int($0 - 1)] }
                return summarize(st.record, trials)
            }
        }
    }

    public func setStudyAttribute(study: Int64, key: String, value: JSONValue, system: Bool) throws {
        try state.withLock { s throws(SweepError) in
            let i = try Self.studyIndex(s, study)
            if system {
                s.studies[i].record.systemAttributes[key] = value
                s.studies[i].feed.append(.studyAttribute(key, value))
            } else {
                s.studies[i].record.userAttributes[key] = value
            }
        }
    }

    public func addStudyNote(study: Int64, note: Note) throws {
        try state.withLock { s throws(SweepError) in
            let i = try Self.studyIndex(s, study)
            s.studies[i].record.notes.append(note)
        }
    }

    public func createTrial(study: Int64, draft: TrialDraft) throws -> Trial {
        guard draft.state == .running || draft.state == .waiting else {
            throw SweepError.invalidArgument("a new trial is running or waiting, got \(draft.state.rawValue)")
        }
        return try state.withLock { s throws(SweepError) -> Trial in
            let i = try Self.studyIndex(s, study)
            let trial = Trial(
                id: Int64(s.trials.count + 1), number: s.studies[i].trialIDs.count, state: draft.state,
                params: draft.params, distributions: draft.distributions, userAttributes: draft.userAttributes,
                systemAttributes: draft.systemAttributes, started: draft.started)
            s.trials.append(trial)
            s.trialStudy.append(i)
            s.studies[i].trialIDs.append(trial.id)
            if trial.state == .waiting { s.studies[i].waiting.append(trial.id) }
            return trial
        }
    }

    public func setParams(trial: Int64, params: [String: ParamValue], distributions: [String: Distribution]) throws {
        try mutateUnfinished(trial) { t in
            t.params.merge(params) { _, new in new }
            t.distributions.merge(distributions) { _, new in new }
        }
    }

    public func report(trial: Int64, step: Int, metrics: [String: Double]) throws -> Bool {
        try mutateUnfinished(trial) { t in
            if t.heartbeatTimeout != nil { t.heartbeat = clock() }  // a report is a heartbeat
            var recorded = false
            for (name, value) in metrics {
                if t.metrics[name, default: MetricCurve()].record(step: step, value: value) { recorded = true }
            }
            return recorded
        }
    }

    public func report(trial: Int64, step: Int, metric: String, value: Double) throws -> Bool {
        try mutateUnfinished(trial) { t in
            if t.heartbeatTimeout != nil { t.heartbeat = clock() }  // a report is a heartbeat
            return t.metrics[metric, default: MetricCurve()].record(step: step, value: value)
        }
    }

    public func setTrialAttribute(trial: Int64, key: String, value: JSONValue, system: Bool) throws {
        try state.withLock { s throws(SweepError) in
            let t = try Self.trialIndex(s, trial)
            if system {
                s.trials[t].systemAttributes[key] = value
                s.studies[s.trialStudy[t]].feed.append(
                    .trialAttribute(TrialAttributeChange(trialNumber: s.trials[t].number, key: key, value: value)))
            } else {
                s.trials[t].userAttributes[key] = value
            }
        }
    }

    public func addTrialNote(trial: Int64, note: Note) throws {
        try state.withLock { s throws(SweepError) in
            let t = try Self.trialIndex(s, trial)
            s.trials[t].notes.append(note)
        }
    }

    public func finishTrial(trial: Int64, state newState: TrialState, value: Double?, finished: Date) throws -> Trial {
        guard newState.isFinished else {
            throw SweepError.invalidArgument("a trial can only be finished as complete, pruned or failed, got \(newState.rawValue)")
        }
        return try state.withLock { s throws(SweepError) -> Trial in
            let t = try Self.trialIndex(s, trial)
            try Self.checkUnfinished(s, t)
            s.trials[t].state = newState
            s.trials[t].value = value
            s.trials[t].finished = finished
            s.studies[s.trialStudy[t]].feed.append(.finished(trial))
            return s.trials[t]
        }
    }

    public func endTrial(
        trial: Int64, state newState: TrialState, value: Double?, finished: Date, attributes: TrialEndAttributes
    ) throws {
        guard newState.isFinished else {
            throw SweepError.invalidArgument("a trial can only be finished as complete, pruned or failed, got \(newState.rawValue)")
        }
        try state.withLock { s throws(SweepError) in
            let t = try Self.trialIndex(s, trial)
            try Self.checkUnfinished(s, t)
            let study = s.trialStudy[t]
            if s.trials[t].userAttributes.isEmpty {
                s.trials[t].userAttributes = attributes.user  // shares the buffer: no copy
            } else {
                for (key, value) in attributes.user { s.trials[t].userAttributes[key] = value }
            }
            for (key, value) in attributes.system.sorted(by: { $0.key < $1.key }) {
                s.trials[t].systemAttributes[key] = value
                s.studies[study].feed.append(
                    .trialAttribute(TrialAttributeChange(trialNumber: s.trials[t].number, key: key, value: value)))
            }
            s.trials[t].state = newState
            s.trials[t].value = value
            s.trials[t].finished = finished
            s.studies[study].feed.append(.finished(trial))
        }
    }

    public func trial(id: Int64) throws -> Trial {
        try state.withLock { s throws(SweepError) -> Trial in s.trials[try Self.trialIndex(s, id)] }
    }

    public func trial(study: Int64, number: Int) throws -> Trial {
        try state.withLock { s throws(SweepError) -> Trial in
            let i = try Self.studyIndex(s, study)
            guard number >= 0, number < s.studies[i].trialIDs.count else {
                throw .unknownTrial(study: s.studies[i].record.name, number: number)
            }
            return s.trials[Int(s.studies[i].trialIDs[number] - 1)]
        }
    }

    public func trials(study: Int64, states: Set<TrialState>?) throws -> [Trial] {
        try state.withLock { s throws(SweepError) -> [Trial] in
            let i = try Self.studyIndex(s, study)
            var result: [Trial] = []
            for id in s.studies[i].trialIDs {
                let trial = s.trials[Int(id - 1)]
                if states?.contains(trial.state) ?? true { result.append(trial) }
            }
            return result
        }
    }

    public func trialCount(study: Int64) throws -> Int {
        try state.withLock { s throws(SweepError) -> Int in s.studies[try Self.studyIndex(s, study)].trialIDs.count }
    }

    public func changes(study: Int64, after cursor: Int64) throws -> StudyChanges {
        try state.withLock { s throws(SweepError) -> StudyChanges in
            let i = try Self.studyIndex(s, study)
            let feed = s.studies[i].feed
            var changes = StudyChanges(cursor: Int64(feed.count))
            guard cursor < feed.count else { return changes }
            for item in feed[Int(max(cursor, 0))...] {
                switch item {
                case .finished(let id): changes.finished.append(s.trials[Int(id - 1)])
                case .trialAttribute(let change): changes.trialAttributes.append(change)
                case .studyAttribute(let key, let value): changes.studyAttributes[key] = value
                }
            }
            return changes
        }
    }

    // MARK: - Helpers

    private func mutateUnfinished<R>(_ trial: Int64, _ body: (inout Trial) -> R) throws -> R {
        try state.withLock { s throws(SweepError) -> R in
            let t = try Self.trialIndex(s, trial)
            try Self.checkUnfinished(s, t)
            return body(&s.trials[t])
        }
    }

    static func checkUnfinished(_ s: borrowing State, _ t: Int) throws(SweepError) {
        let state = s.trials[t].state  // not the whole trial: copying it would retain all its fields
        if state.isFinished {
            throw .trialFinished(study: s.studies[s.trialStudy[t]].record.name, number: s.trials[t].number, state: state)
        }
    }

    static func studyIndex(_ s: State, _ id: Int64) throws(SweepError) -> Int {
        guard id >= 1, id <= s.studies.count, !s.studies[Int(id - 1)].deleted else { throw .storage("no study with id \(id)") }
        return Int(id - 1)
    }

    static func trialIndex(_ s: State, _ id: Int64) throws(SweepError) -> Int {
        guard id >= 1, id <= s.trials.count, !s.studies[s.trialStudy[Int(id - 1)]].deleted else {
            throw .storage("no trial with id \(id)")
        }
        return Int(id - 1)
    }
}

/// Counts trials by state and finds the best complete one.
public func summarize(_ record: StudyRecord, _ trials: [Trial]) -> StudySummary {
    var counts: [TrialState: Int] = [:]
    var best: Trial?
    for t in trials {
        counts[t.state, default: 0] += 1
        guard t.state == .complete, let v = t.value, !v.isNaN else { continue }
        if best == nil || record.config.direction.isBetter(v, than: best?.value ?? v) { best = t }
    }
    return StudySummary(record: record, counts: counts, best: best?.value, bestNumber: best?.number)
}
