import SweepCore

/// Draws the midpoint of every numeric distribution and the first categorical choice.
struct MidpointSampler: Sampler {
    func sample(_ space: SearchSpace, trialNumber: Int, seed: UInt64, study: StudyIndex) throws -> [String: ParamValue] {
        var values: [String: ParamValue] = [:]
        for p in space.parameters {
            switch p.distribution {
            case .float(let d): values[p.name] = .double((d.low + d.high) / 2)
            case .int(let d): values[p.name] = .int(d.low + (d.high - d.low) / 2)
            case .categorical(let d): values[p.name] = d.choices[0]
            }
        }
        return values
    }
}

/// Prunes whenever the last value is below a fixed threshold, and records how often it was asked.
struct BelowPruner: Pruner {
    var threshold: Double
    func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision {
        guard let v = trial.curve.lastValue else { return .keepGoing }
        return PruneDecision(prune: v < threshold, reason: "below \(threshold)", trialAttributes: ["asked": .number(1)])
    }
}

func makeStudy(_ config: StudyConfig = StudyConfig(name: "s"), pruner: any Pruner = BelowPruner(threshold: -1)) async throws -> Study {
    try await Study.create(config, storage: InMemoryStorage(), sampler: MidpointSampler(), pruner: pruner)
}

/// A judge that keeps going, writes a note and proposes three configurations: one valid, one out
/// of range, one with a parameter the study does not have.
struct SuggestingJudge: Pruner {
    func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision {
        PruneDecision(
            prune: false, notes: ["looks slow but steady"],
            suggestions: [["x": .double(1.5), "n": .int(2)], ["x": .double(7)], ["lr": .double(0.1)]])
    }
}
