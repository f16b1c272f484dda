import Foundation
import SweepCore
import SweepSQLite

/// `sweep-bench dashboard-fixture --db PATH [--trials N] [--steps S] [--study NAME]`: a study of N
/// finished trials × S reports of `reward` and `loss` (noisy saturating curves; one in five ends
/// pruned), written through the storage in batches of 500 steps, for timing the dashboard at scale.
/// Prints one JSON object: trials, reports and seconds.
func dashboardFixture(arguments: [String]) async throws {
    guard let path = benchOption("--db", in: arguments) else {
        throw SweepError.invalidArgument("dashboard-fixture needs --db PATH (a new SQLite file)")
    }
    let trials = Int(benchOption("--trials", in: arguments) ?? "") ?? 10_000
    let steps = Int(benchOption("--steps", in: arguments) ?? "") ?? 1_000
    let name = benchOption("--study", in: arguments) ?? "scale"
    let storage = try SQLiteStorage(path: path)
    let space = SearchSpace([
        .init(name: "lr", distribution: .float(try FloatDistribution(low: 1e-4, high: 1, log: true))),
        .init(name: "layers", distribution: .int(try IntDistribution(low: 1, high: 8))),
        .init(name: "optimizer", distribution: .categorical(try CategoricalDistribution([.string("adam"), .string("sgd")]))),
    ])
    let record = try await storage.createStudy(
        StudyConfig(name: name, direction: .maximize, objective: "reward", sampler: "random", pruner: "median", space: space))
    var rng = SplitMix64(seed: 7)
    func uniform() -> Double { Double(rng.next() >> 11) * 0x1.0p-53 }
    let started = ContinuousClock.now
    var reports = 0
    for _ in 0..<trials {
        let quality = uniform()
        let params: [String: ParamValue] = [
            "lr": .double(pow(10, -4 + 4 * uniform())), "layers": .int(1 + Int(uniform() * 8)),
            "optimizer": .string(uniform() < 0.5 ? "adam" : "sgd"),
        ]
        let trial = try await storage.createTrial(
            study: record.id, draft: TrialDraft(state: .running, params: params, distributions: space.distributions))
        // Every trial reports all its steps (the 10,000 × 1,000); one in five ends pruned.
        let length = steps
        let pruned = uniform() < 0.2
        var batch: [StepReport] = []
        var last = 0.0
        for s in 0..<length {
            last = quality * (1 - exp(-Double(s) / Double(max(steps / 5, 1)))) + 0.05 * (uniform() - 0.5)
            batch.append(StepReport(step: s, metrics: ["reward": last, "loss": 1 - last]))
            if batch.count == 500 {
                reports += try await storage.report(trial: trial.id, steps: batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { reports += try await storage.report(trial: trial.id, steps: batch) }
        try await storage.endTrial(
            trial: trial.id, state: pruned ? .pruned : .complete, value: last, finished: Date(),
            attributes: TrialEndAttributes())
    }
    emitJSON([
        "benchmark": "dashboard-fixture", "trials": trials, "steps_reported": reports,
        "seconds": benchMilliseconds(ContinuousClock.now - started) / 1000,
    ])
}
