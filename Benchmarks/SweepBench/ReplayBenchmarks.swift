import Foundation
import SweepCore
import SweepCurves
import SweepPruners
import SweepRunner

/// `sweep-bench replay --file CURVES.jsonl [--trials 1000,10000,100000] [--pruner median] [--repeats 3]`:
/// replays the first N curves of a dataset (`Benchmarks/make_curves.py` writes one) through the
/// pruner with `Replay.run`, the engine `sweep replay` uses, and prints one JSON object per run:
/// the time per pruning decision (`ReplayResult.microsecondsPerDecision`: the decision and the
/// index update before it, averaged over every decision of the replay) and the replay's wall time.
/// The file is read once, before any timing. Beside it, `Benchmarks/peers_optuna.py decisions`
/// times Optuna's `should_prune` with N finished trials.
func replayScaling(arguments: [String]) async throws {
    guard let file = benchOption("--file", in: arguments) else {
        throw SweepError.invalidArgument("replay needs --file CURVES.jsonl (python3 Benchmarks/make_curves.py writes one)")
    }
    let spec = benchOption("--pruner", in: arguments) ?? "median"
    let repeats = try positiveInt(benchOption("--repeats", in: arguments) ?? "3", what: "--repeats")
    let sizes = try (benchOption("--trials", in: arguments) ?? "1000,10000,100000")
        .split(separator: ",").map { try positiveInt(String($0), what: "--trials") }

    let readStart = ContinuousClock.now
    let records = try CurveDataset.read(path: file)
    let readSeconds = benchMilliseconds(ContinuousClock.now - readStart) / 1000
    let direction = try Replay.direction(of: records, override: nil)
    for n in sizes {
        guard n <= records.count else {
            throw SweepError.invalidArgument("\(file) has \(records.count) curves, fewer than --trials \(n)")
        }
        let slice = Array(records.prefix(n))
        for index in 0..<repeats {
            let pruner = try Pruners.make(parsing: spec)
            let start = ContinuousClock.now
            let result = try await Replay.run(slice, pruner: pruner, spec: spec, direction: direction)
            let seconds = benchMilliseconds(ContinuousClock.now - start) / 1000
            emitJSON([
                "benchmark": "replay-scaling", "tool": "sweep", "pruner": spec, "trials": n, "repeat": index,
                "decisions": result.decisions, "microseconds_per_decision": result.microsecondsPerDecision,
                "replay_seconds": seconds, "read_seconds": readSeconds,
                "steps_used_fraction": result.stepsUsedFraction,
                "pruned": result.trials.reduce(0) { $0 + ($1.prunedAt == nil ? 0 : 1) },
            ])
        }
    }
}

private func positiveInt(_ text: String, what: String) throws -> Int {
    guard let n = Int(text), n > 0 else {
        throw SweepError.invalidArgument("\(what) takes positive integers, got '\(text)'")
    }
    return n
}
