import Foundation
import SweepCore
import SweepPostgres
import SweepPruners
import SweepSQLite
import SweepSamplers
import Synchronization

/// `sweep-bench engine-profile --storage memory|sqlite|postgres://... --workload pruned|complete --trials N`: the
/// workload of `sweep-bench engine` (ask, up to 10 × (report + should-prune), tell, median
/// pruner, random sampler on one float), with every call timed on its own, so the report can say
/// where Sweep's time goes. Prints one JSON object: the mean microseconds of each call kind, how
/// many calls of each, the whole loop's trials/s, and the rate over the last 100 trials (the
/// window `peers_optuna.py engine` quotes for Optuna on SQLite).
///
/// The storage sits behind `TimedStorage`, so the object also holds, per storage method, the
/// calls and mean microseconds (`storage.NAME_calls`, `storage.NAME_us`): what a study call
/// spends in the storage and on which statements.
///
/// Timing each call adds clock reads and a lock (well under a microsecond per call), so the
/// loop's rate here is below `sweep-bench engine`'s; the headline figures come from `engine`.
func engineProfile(arguments: [String]) async throws {
    let trials = Int(benchOption("--trials", in: arguments) ?? "") ?? 5_000
    let storageKind = benchOption("--storage", in: arguments) ?? "memory"
    let workload = benchOption("--workload", in: arguments) ?? "pruned"
    guard trials > 0, ["pruned", "complete"].contains(workload) else {
        throw SweepError.invalidArgument(
            "engine-profile takes --storage memory|sqlite|postgres://... --workload pruned|complete --trials N (N > 0)")
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let base = try await benchStorage(storageKind, in: dir)
    let storage = TimedStorage(base)
    let space = SearchSpace([.init(name: "x", distribution: .float(try FloatDistribution(low: 0, high: 1)))])
    let study = try await Study.create(
        StudyConfig(name: "engine-profile", direction: .maximize, sampler: "random", pruner: "median", space: space),
        storage: storage, sampler: try Samplers.make(parsing: "random", seed: 0),
        pruner: try Pruners.make(parsing: "median"))

    var spent: [Call: Duration] = [:]
    var calls: [Call: Int] = [:]
    func timed<T>(_ call: Call, _ body: () async throws -> T) async rethrows -> T {
        let start = ContinuousClock.now
        defer {
            spent[call, default: .zero] += ContinuousClock.now - start
            calls[call, default: 0] += 1
        }
        return try await body()
    }

    var pruned = 0
    let windowStart = max(0, trials - 100)
    var windowBegan = ContinuousClock.now
    let start = ContinuousClock.now
    for t in 0..<trials {
        if t == windowStart { windowBegan = ContinuousClock.now }
        let trial = try await timed(.ask) { try await study.ask() }
        var last = 0.0
        var stopped = false
        for s in 0..<10 {
            last = engineWorkloadValue(workload, trial: t, step: s)
            try await timed(.report) { _ = try await study.report(trial: trial.number, step: s, value: last) }
            if try await timed(.shouldPrune, { try await study.shouldPrune(trial: trial.number).prune }) {
                try await timed(.tell) { _ = try await study.tell(trial: trial.number, state: .pruned) }
                pruned += 1
                stopped = true
                break
            }
        }
        if !stopped { try await timed(.tell) { _ = try await study.tell(trial: trial.number, state: .complete, value: last) } }
    }
    let end = ContinuousClock.now
    let seconds = benchMilliseconds(end - start) / 1000
    let windowSeconds = benchMilliseconds(end - windowBegan) / 1000
    var object: [String: Any] = [
        "benchmark": "engine-profile", "tool": "sweep", "storage": storageKind.hasPrefix("postgres") ? "postgres" : storageKind, "workload": workload,
        "trials": trials, "pruned": pruned, "seconds": seconds, "trials_per_second": Double(trials) / seconds,
        "last100_trials_per_second": Double(trials - windowStart) / windowSeconds,
    ]
    for call in Call.allCases {
        let n = calls[call] ?? 0
        let ms = benchMilliseconds(spent[call] ?? .zero)
        object["\(call.rawValue)_calls"] = n
        object["\(call.rawValue)_us"] = n == 0 ? 0 : ms * 1000 / Double(n)
        object["\(call.rawValue)_share"] = seconds > 0 ? ms / 1000 / seconds : 0
    }
    // Two probes on the storage itself, after the loop: reading a finished trial back (what
    // the change feed does for each finished trial) and the smallest write
    // transaction there is (a user attribute on the study).
    let ids = try await base.trials(study: study.record.id, states: nil).prefix(1_000).map(\.id)
    var reads: [Double] = []
    for id in ids {
        let t0 = ContinuousClock.now
        _ = try await base.trial(id: id)
        reads.append(benchMilliseconds(ContinuousClock.now - t0) * 1000)
    }
    var writes: [Double] = []
    for i in 0..<1_000 {
        let t0 = ContinuousClock.now
        try await base.setStudyAttribute(study: study.record.id, key: "probe", value: .number(Double(i)), system: false)
        writes.append(benchMilliseconds(ContinuousClock.now - t0) * 1000)
    }
    // The smallest read there is (one indexed row): what one round trip to the storage costs.
    var counts: [Double] = []
    for _ in 0..<1_000 {
        let t0 = ContinuousClock.now
        _ = try await base.trialCount(study: study.record.id)
        counts.append(benchMilliseconds(ContinuousClock.now - t0) * 1000)
    }
    object["probe.smallest_read_us"] = benchMedian(counts)
    // On PostgreSQL, a round trip with no work in it (`SELECT 1` on a plain connection of its
    // own): the floor under every statement a trial needs.
    if storageKind.hasPrefix("postgres") {
        let reading = try await PostgresReading(url: try PostgresURL(storageKind))
        var trips: [Double] = []
        for _ in 0..<2_000 {
            let t0 = ContinuousClock.now
            _ = try await reading.rows("SELECT 1")
            trips.append(benchMilliseconds(ContinuousClock.now - t0) * 1000)
        }
        await reading.close()
        object["probe.round_trip_us"] = benchMedian(trips)
    }
    object["probe.read_trial_us"] = benchMedian(reads)
    object["probe.smallest_write_us"] = benchMedian(writes)
    for (name, entry) in storage.totals() {
        object["storage.\(name)_calls"] = entry.calls
        object["storage.\(name)_us"] = benchMilliseconds(entry.time) * 1000 / Double(max(entry.calls, 1))
    }
    emitJSON(object)
}

private enum Call: String, CaseIterable {
    case ask
    case report
    case shouldPrune = "should_prune"
    case tell
}

/// Trial `t`'s value at step `s`: "pruned" is u_t + 0.01·s with u_t uniform in [0, 1) from
/// SplitMix64 (the same bits as `splitmix` in `Benchmarks/peers_optuna.py`); "complete" is t + s.
func engineWorkloadValue(_ workload: String, trial t: Int, step s: Int) -> Double {
    if workload == "complete" { return Double(t + s) }
    return Double(SplitMix64.derive(0, UInt64(t)) >> 11) * 0x1.0p-53 + 0.01 * Double(s)
}

/// A storage that forwards every call to `base` and adds up the time each method takes.
final class TimedStorage: Storage {
    let base: any Storage
    private let spent = Mutex<[String: (calls: Int, time: Duration)]>([:])

    init(_ base: any Storage) { self.base = base }

    /// Calls and total time per method name.
    func totals() -> [String: (calls: Int, time: Duration)] { spent.withLock { $0 } }

    private func timed<T>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
        let start = ContinuousClock.now
        defer {
            let elapsed = ContinuousClock.now - start
            spent.withLock { table in
                let old = table[name] ?? (calls: 0, time: .zero)
                table[name] = (calls: old.calls + 1, time: old.time + elapsed)
            }
        }
        return try await body()
    }

    func createStudy(_ config: StudyConfig) async throws -> StudyRecord { try await timed("createStudy") { try await base.createStudy(config) } }
    func study(named name: String) async throws -> StudyRecord { try await timed("study") { try await base.study(named: name) } }
    func studies() async throws -> [StudySummary] { try await timed("studies") { try await base.studies() } }
    func setStudyAttribute(study: Int64, key: String, value: JSONValue, system: Bool) async throws {
        try await timed("setStudyAttribute") { try await base.setStudyAttribute(study: study, key: key, value: value, system: system) }
    }
    func addStudyNote(study: Int64, note: Note) async throws {
        try await timed("addStudyNote") { try await base.addStudyNote(study: study, note: note) }
    }
    func createTrial(study: Int64, draft: TrialDraft) async throws -> Trial {
        try await timed("createTrial") { try await base.createTrial(study: study, draft: draft) }
    }
    func setParams(trial: Int64, params: [String: ParamValue], distributions: [String: Distribution]) async throws {
        try await timed("setParams") { try await base.setParams(trial: trial, params: params, distributions: distributions) }
    }
    func report(trial: Int64, step: Int, metrics: [String: Double]) async throws -> Bool {
        try await timed("reportMetrics") { try await base.report(trial: trial, step: step, metrics: metrics) }
    }
    func report(trial: Int64, step: Int, metric: String, value: Double) async throws -> Bool {
        try await timed("report") { try await base.report(trial: trial, step: step, metric: metric, value: value) }
    }
    func report(
        trial: Int64, steps: [StepReport], thenChangesOf study: Int64, after cursor: Int64, curves: CurveSelection
    ) async throws -> (added: Int, changes: StudyChanges) {
        try await timed("reportThenChanges") {
            try await base.report(trial: trial, steps: steps, thenChangesOf: study, after: cursor, curves: curves)
        }
    }
    func setTrialAttribute(trial: Int64, key: String, value: JSONValue, system: Bool) async throws {
        try await timed("setTrialAttribute") { try await base.setTrialAttribute(trial: trial, key: key, value: value, system: system) }
    }
    func addTrialNote(trial: Int64, note: Note) async throws {
        try await timed("addTrialNote") { try await base.addTrialNote(trial: trial, note: note) }
    }
    func finishTrial(trial: Int64, state: TrialState, value: Double?, finished: Date) async throws -> Trial {
        try await timed("finishTrial") { try await base.finishTrial(trial: trial, state: state, value: value, finished: finished) }
    }
    func endTrial(trial: Int64, state: TrialState, value: Double?, finished: Date, attributes: TrialEndAttributes) async throws {
        try await timed("endTrial") {
            try await base.endTrial(trial: trial, state: state, value: value, finished: finished, attributes: attributes)
        }
    }
    func trial(id: Int64) async throws -> Trial { try await timed("trialByID") { try await base.trial(id: id) } }
    func trial(study: Int64, number: Int) async throws -> Trial {
        try await timed("trialByNumber") { try await base.trial(study: study, number: number) }
    }
    func trials(study: Int64, states: Set<TrialState>?) async throws -> [Trial] {
        try await timed("trials") { try await base.trials(study: study, states: states) }
    }
    func trialCount(study: Int64) async throws -> Int {
        try await timed("trialCount") { try await base.trialCount(study: study) }
    }
    func changes(study: Int64, after cursor: Int64) async throws -> StudyChanges {
        try await timed("changes") { try await base.changes(study: study, after: cursor) }
    }
    func claimTrial(study: Int64, request: ClaimRequest, draw: TrialDraw) async throws -> TrialClaim {
        try await timed("claimTrial") { try await base.claimTrial(study: study, request: request, draw: draw) }
    }
    func beat(trials: [Int64]) async throws { try await timed("beat") { try await base.beat(trials: trials) } }
    func reapStaleTrials(study: Int64, replacement: Replacement, sparing: [Int64]) async throws -> [FailedTrial] {
        try await timed("reapStaleTrials") { try await base.reapStaleTrials(study: study, replacement: replacement, sparing: sparing) }
    }
    func failTrial(trial: Int64, reason: String, replacement: Replacement, finished: Date) async throws -> FailedTrial? {
        try await timed("failTrial") { try await base.failTrial(trial: trial, reason: reason, replacement: replacement, finished: finished) }
    }
    func deleteStudy(_ study: Int64) async throws { try await timed("deleteStudy") { try await base.deleteStudy(study) } }
    func indexSnapshot(study: Int64) async throws -> IndexSnapshot? {
        try await timed("indexSnapshot") { try await base.indexSnapshot(study: study) }
    }
    func storeIndexSnapshot(study: Int64, _ snapshot: IndexSnapshot) async throws {
        try await timed("storeIndexSnapshot") { try await base.storeIndexSnapshot(study: study, snapshot) }
    }
    func indexSnapshotCursor(study: Int64) async throws -> Int64? {
        try await timed("indexSnapshotCursor") { try await base.indexSnapshotCursor(study: study) }
    }
    var keepsIndexSnapshots: Bool { base.keepsIndexSnapshots }
    func renameStudy(_ study: Int64, to newName: String) async throws {
        try await timed("renameStudy") { try await base.renameStudy(study, to: newName) }
    }
    func openCheckpoint(trial: Int64, step: Int, brief: String, timeout: Double) async throws -> Checkpoint {
        try await timed("openCheckpoint") { try await base.openCheckpoint(trial: trial, step: step, brief: brief, timeout: timeout) }
    }
    func checkpoint(id: Int64) async throws -> Checkpoint { try await timed("checkpoint") { try await base.checkpoint(id: id) } }
    func checkpoints(study: Int64, openOnly: Bool) async throws -> [Checkpoint] {
        try await timed("checkpoints") { try await base.checkpoints(study: study, openOnly: openOnly) }
    }
    func answerCheckpoint(id: Int64, answer: CheckpointAnswer) async throws -> Checkpoint {
        try await timed("answerCheckpoint") { try await base.answerCheckpoint(id: id, answer: answer) }
    }
    func addLabel(study: Int64, label: PairLabel) async throws -> PairLabel {
        try await timed("addLabel") { try await base.addLabel(study: study, label: label) }
    }
    func labels(study: Int64) async throws -> [PairLabel] { try await timed("labels") { try await base.labels(study: study) } }
}
