import Foundation
import SweepCore
import SweepCurves
import SweepPostgres
import SweepPruners
import SweepRunner
import SweepSQLite
import SweepSamplers

/// `sweep-bench engine --storage memory|sqlite|postgres://... --workload pruned|complete --trials N`: ask, 10 ×
/// (report + should-prune), tell, with the median pruner, the same workload as
/// `Benchmarks/peers_optuna.py engine`. "pruned": trial t reports u_t + 0.01·s (u_t uniform from
/// SplitMix64, as in the Python script), so most trials are pruned early; "complete": t + s, so
/// every trial beats the ones before and none is pruned.
func engine(arguments: [String]) async throws {
    let trials = Int(benchOption("--trials", in: arguments) ?? "") ?? 5_000
    let storageKind = benchOption("--storage", in: arguments) ?? "memory"
    let workload = benchOption("--workload", in: arguments) ?? "pruned"
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let storage = try await benchStorage(storageKind, in: dir)
    let space = SearchSpace([.init(name: "x", distribution: .float(try FloatDistribution(low: 0, high: 1)))])
    let study = try await Study.create(
        StudyConfig(name: "engine", direction: .maximize, sampler: "random", pruner: "median", space: space),
        storage: storage, sampler: try Samplers.make(parsing: "random", seed: 0), pruner: try Pruners.make(parsing: "median"))
    func value(_ t: Int, _ s: Int) -> Double {
        if workload == "complete" { return Double(t + s) }
        return Double(SplitMix64.derive(0, UInt64(t)) >> 11) * 0x1.0p-53 + 0.01 * Double(s)
    }
    var pruned = 0
    let start = ContinuousClock.now
    for t in 0..<trials {
        let trial = try await study.ask()
        var last = 0.0
        var stopped = false
        for s in 0..<10 {
            last = value(t, s)
            try await study.report(trial: trial.number, step: s, value: last)
            if try await study.shouldPrune(trial: trial.number).prune {
                try await study.tell(trial: trial.number, state: .pruned)
                pruned += 1
                stopped = true
                break
            }
        }
        if !stopped { try await study.tell(trial: trial.number, state: .complete, value: last) }
    }
    let seconds = benchMilliseconds(ContinuousClock.now - start) / 1000
    emitJSON([
        "benchmark": "engine", "tool": "sweep", "storage": storageKind.hasPrefix("postgres") ? "postgres" : storageKind,
        "workload": workload, "trials": trials,
        "pruned": pruned, "seconds": seconds, "trials_per_second": Double(trials) / seconds,
    ])
}

/// The storage `--storage memory|sqlite|postgres://...` names: a new SQLite file in `dir`, or
/// the PostgreSQL database at the URL (a new one the caller made).
func benchStorage(_ kind: String, in dir: URL) async throws -> any Storage {
    switch kind {
    case "memory": return InMemoryStorage()
    case "sqlite": return try SQLiteStorage(path: dir.appendingPathComponent("bench.db").path)
    default: return try await PostgresStorage(url: kind)
    }
}

/// `sweep-bench decisions --trials N`: median time of one median-pruner decision with N complete
/// trials of 100 steps in the study (as `peers_optuna.py decisions`), through `Replay` on the real
/// engine.
func decisions(arguments: [String]) async throws {
    let trials = Int(benchOption("--trials", in: arguments) ?? "") ?? 1_000
    var records: [CurveRecord] = []
    records.reserveCapacity(trials + 50)
    for t in 0..<trials {
        let u = Double(SplitMix64.derive(0, UInt64(t)) >> 11) * 0x1.0p-53
        records.append(CurveRecord(id: "c\(t)", curve: (0..<100).map { u + 0.01 * Double($0) }))
    }
    // Complete trials first (a pruner that never prunes), then time decisions on 50 more.
    let storage = InMemoryStorage()
    let study = try await Study.create(
        StudyConfig(name: "decisions", direction: .maximize, sampler: "none", pruner: "median"), storage: storage,
        sampler: NoSampler(), pruner: try Pruners.make(parsing: "nop"))
    for r in records {
        let trial = try await study.ask()
        for (s, v) in r.curve.enumerated() { try await study.report(trial: trial.number, step: s, value: v) }
        try await study.tell(trial: trial.number, state: .complete, value: r.final)
    }
    study.pruner = try Pruners.make(parsing: "median")
    var times: [Double] = []
    for k in 0..<50 {
        let trial = try await study.ask()
        let u = Double(SplitMix64.derive(1, UInt64(k)) >> 11) * 0x1.0p-53
        for s in 0..<50 { try await study.report(trial: trial.number, step: s, value: u + 0.01 * Double(s)) }
        let start = ContinuousClock.now
        _ = try await study.shouldPrune(trial: trial.number)
        times.append(benchMilliseconds(ContinuousClock.now - start) * 1000)
        try await study.tell(trial: trial.number, state: .pruned)
    }
    emitJSON(["benchmark": "decisions", "tool": "sweep", "trials": trials, "microseconds_per_decision": benchMedian(times)])
}
