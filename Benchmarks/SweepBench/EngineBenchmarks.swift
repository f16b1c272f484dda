import Foundation
import SweepCore
import SweepPruners
import SweepSQLite
import SweepSamplers

/// `sweep-bench engine-profile --storage memory|sqlite --workload pruned|complete --trials N`: the
/// workload of `sweep-bench engine` (ask, up to 10 × (report + should-prune), tell, median
/// pruner, random sampler on one float), with every call timed on its own, so the report can say
/// where Sweep's time goes. Prints one JSON object: the mean microseconds of each call kind, how
/// many calls of each, the whole loop's trials/s, and the rate over the last 100 trials (the
/// window `peers_optuna.py engine` quotes for Optuna on SQLite).
///
/// Timing each call adds two clock reads per call (tens of nanoseconds), so the loop's rate here
/// is a little below `sweep-bench engine`'s; the headline figures come from `engine`.
func engineProfile(arguments: [String]) throws {
    let trials = Int(benchOption("--trials", in: arguments) ?? "") ?? 5_000
    let storageKind = benchOption("--storage", in: arguments) ?? "memory"
    let workload = benchOption("--workload", in: arguments) ?? "pruned"
    guard trials > 0, ["memory", "sqlite"].contains(storageKind), ["pruned", "complete"].contains(workload) else {
        throw SweepError.invalidArgument(
            "engine-profile takes --storage memory|sqlite --workload pruned|complete --trials N (N > 0)")
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let storage: any Storage =
        storageKind == "memory" ? InMemoryStorage() : try SQLiteStorage(path: dir.appendingPathComponent("profile.db").path)
    let space = SearchSpace([.init(name: "x", distribution: .float(try FloatDistribution(low: 0, high: 1)))])
    let study = try Study.create(
        StudyConfig(name: "engine-profile", direction: .maximize, sampler: "random", pruner: "median", space: space),
        storage: storage, sampler: try Samplers.make(parsing: "random", seed: 0),
        pruner: try Pruners.make(parsing: "median"))

    var spent: [Call: Duration] = [:]
    var calls: [Call: Int] = [:]
    func timed<T>(_ call: Call, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        defer {
            spent[call, default: .zero] += ContinuousClock.now - start
            calls[call, default: 0] += 1
        }
        return try body()
    }

    var pruned = 0
    let windowStart = max(0, trials - 100)
    var windowBegan = ContinuousClock.now
    let start = ContinuousClock.now
    for t in 0..<trials {
        if t == windowStart { windowBegan = ContinuousClock.now }
        let trial = try timed(.ask) { try study.ask() }
        var last = 0.0
        var stopped = false
        for s in 0..<10 {
            last = engineWorkloadValue(workload, trial: t, step: s)
            try timed(.report) { _ = try study.report(trial: trial.number, step: s, value: last) }
            if try timed(.shouldPrune, { try study.shouldPrune(trial: trial.number).prune }) {
                try timed(.tell) { _ = try study.tell(trial: trial.number, state: .pruned) }
                pruned += 1
                stopped = true
                break
            }
        }
        if !stopped { try timed(.tell) { _ = try study.tell(trial: trial.number, state: .complete, value: last) } }
    }
    let end = ContinuousClock.now
    let seconds = benchMilliseconds(end - start) / 1000
    let windowSeconds = benchMilliseconds(end - windowBegan) / 1000
    var object: [String: Any] = [
        "benchmark": "engine-profile", "tool": "sweep", "storage": storageKind, "workload": workload,
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
