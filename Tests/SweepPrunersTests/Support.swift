import Foundation
import SweepCore
import SweepPruners

/// Proposes nothing: the pruner tests' trials have no parameters.
struct NoSampler: Sampler {
    func sample(_ space: SearchSpace, trialNumber: Int, seed: UInt64, study: StudyIndex) throws -> [String: ParamValue] {
        [:]
    }
}

/// A study in memory with `pruner`.
func makeStudy(_ pruner: any Pruner, direction: Direction = .minimize, name: String = "study") async throws -> Study {
    try await Study.create(
        StudyConfig(name: name, direction: direction, pruner: "\(pruner)"), storage: InMemoryStorage(), sampler: NoSampler(),
        pruner: pruner)
}

/// Runs one trial in DESIGN.md's replay order: reports steps 0..n-1 (or `steps`), asks after each
/// report, ends PRUNED at the first step the pruner says so, or COMPLETE with the last value (a NaN
/// value fails the trial). Returns the step it was pruned at.
@discardableResult
func run(_ curve: [Double], steps: [Int]? = nil, in study: Study) async throws -> Int? {
    let trial = try await study.ask()
    for (step, value) in zip(steps ?? Array(curve.indices), curve) {
        try await study.report(trial: trial.number, step: step, value: value)
        if try await study.shouldPrune(trial: trial.number).prune {
            try await study.tell(trial: trial.number, state: .pruned)
            return step
        }
    }
    try await study.tell(trial: trial.number, state: .complete, value: curve.last ?? .nan)
    return nil
}

/// Runs every curve, one trial after another, and returns where each was pruned (nil: completed).
func replay(
    _ pruner: any Pruner, _ curves: [[Double]], steps: [[Int]]? = nil, direction: Direction = .minimize,
    name: String = "study"
) async throws -> [Int?] {
    let study = try await makeStudy(pruner, direction: direction, name: name)
    return try await run(curves, steps: steps, in: study)
}

/// Runs every curve in `study`, one trial after another; where each was pruned (nil: completed).
func run(_ curves: [[Double]], steps: [[Int]]? = nil, in study: Study) async throws -> [Int?] {
    var pruned: [Int?] = []
    for i in curves.indices { pruned.append(try await run(curves[i], steps: steps?[i], in: study)) }
    return pruned
}

/// A study's index after syncing, to look at what the pruner recorded.
func index(of study: Study) async throws -> StudyIndex {
    try await study.sync()
    return study.index
}

/// The message of a `SweepError.invalidSpec`, or nil when `body` does not throw one.
func specError(_ body: () throws(SweepError) -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        if case .invalidSpec(_, let reason) = error { return reason }
        return nil
    }
}

/// The spec error `Pruners.make(parsing:)` gives for `text`.
func specError(_ text: String) -> String? {
    specError { () throws(SweepError) in _ = try Pruners.make(parsing: text) }
}
