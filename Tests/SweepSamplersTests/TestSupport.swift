import Foundation
import SweepCore

@testable import SweepSamplers

/// Never prunes.
struct KeepGoingPruner: Pruner {
    func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision { .keepGoing }
}

/// A space with every kind of distribution.
func everyKindSpace() throws -> SearchSpace {
    SearchSpace([
        .init(name: "f", distribution: .float(try FloatDistribution(low: -2, high: 3))),
        .init(name: "flog", distribution: .float(try FloatDistribution(low: 1e-5, high: 1e-1, log: true))),
        .init(name: "fstep", distribution: .float(try FloatDistribution(low: 0, high: 1, step: 0.1))),
        .init(name: "i", distribution: .int(try IntDistribution(low: -3, high: 7))),
        .init(name: "ilog", distribution: .int(try IntDistribution(low: 1, high: 1000, log: true))),
        .init(name: "istep", distribution: .int(try IntDistribution(low: 0, high: 100, step: 5))),
        .init(name: "c", distribution: .categorical(try CategoricalDistribution([.string("adam"), .string("sgd"), .int(3)]))),
        .init(name: "single", distribution: .float(try FloatDistribution(low: 0.5, high: 0.5))),
    ])
}

/// True when every parameter of `space` has a value inside its distribution.
func allInside(_ values: [String: ParamValue], _ space: SearchSpace) -> Bool {
    guard values.count == space.parameters.count else { return false }
    return space.parameters.allSatisfy { p in
        guard let v = values[p.name] else { return false }
        switch (p.distribution, v) {
        case (.float, .double), (.int, .int), (.categorical, _): return p.distribution.toInternal(v) != nil
        default: return false
        }
    }
}

/// Runs a study of `trials` trials minimising `f` and returns it.
@discardableResult
func runStudy(
    sampler: any Sampler, space: SearchSpace, trials: Int, seed: UInt64 = 0, direction: Direction = .minimize,
    check: (([String: ParamValue]) -> Void)? = nil, f: ([String: ParamValue]) -> Double
) async throws -> Study {
    let study = try await Study.create(
        StudyConfig(name: "s", direction: direction, seed: seed, space: space), storage: InMemoryStorage(),
        sampler: sampler, pruner: KeepGoingPruner())
    for _ in 0..<trials {
        let trial = try await study.ask()
        check?(trial.params)
        try await study.tell(trial: trial.number, state: .complete, value: f(trial.params))
    }
    try await study.sync()
    return study
}

/// The best value a study found.
func bestValue(_ study: Study) async throws -> Double {
    try await study.bestTrial()?.value ?? .nan
}

extension ParamValue {
    var number: Double { doubleValue ?? .nan }
}
