import Foundation
import SweepCore
import SweepCurves

/// Replays recorded curves through a pruner, as DESIGN.md's replay order says: trials one after
/// another in file order; each reports its steps in order, is asked whether to prune after each
/// report, and ends as pruned at that step or complete with its value by the study's rule (its
/// last value by default; `TrialValue`), the value its regret is scored on.
///
/// The replay runs on the real engine (`Study` over `InMemoryStorage`), so a pruner's decisions
/// here are the decisions it makes in a live study.
public enum Replay {
    /// Replays `records` through `pruner` and scores it.
    /// - Parameters:
    ///   - spec: the pruner's spec, echoed in the result.
    ///   - direction: the study direction (see `direction(of:override:)`).
    ///   - studyName: the study's name (Hyperband's brackets depend on it).
    ///   - value: how a trial's value comes from its whole curve.
    public static func run(
        _ records: [CurveRecord], pruner: any Pruner, spec: String, direction: Direction, studyName: String = "replay",
        value: TrialValue = .last
    ) async throws -> ReplayResult {
        let storage = InMemoryStorage()
        let study = try await Study.create(
            StudyConfig(
                name: studyName, direction: direction, objective: "value", sampler: "none", pruner: spec, value: value),
            storage: storage, sampler: NoParameters(), pruner: pruner)
        let standardError = TrialProgress.standardErrorName(of: "value")
        let clock = ContinuousClock()
        var decisions = 0
        var decisionTime = Duration.zero
        var trials: [ReplayTrial] = []
        trials.reserveCapacity(records.count)
        for record in records {
            let trial = try await study.ask()
            var prunedAt: Int?
            var used = 0
            for i in record.curve.indices {
                let step = record.step(at: i)
                if let standardErrors = record.standardErrors {
                    // A merged group: the judge sees the mean and its standard error, as in a live study.
                    try await study.report(
                        trial: trial.number, step: step, metrics: ["value": record.curve[i], standardError: standardErrors[i]])
                } else {
                    try await study.report(trial: trial.number, step: step, value: record.curve[i])
                }
                used += 1
                let start = clock.now
                let decision = try await study.shouldPrune(trial: trial.number)
                decisionTime += clock.now - start
                decisions += 1
                if decision.prune {
                    prunedAt = step
                    break
                }
            }
            let final = value == .last ? record.final : Self.value(of: record, by: value, direction: direction)
            if prunedAt != nil {
                try await study.tell(trial: trial.number, state: .pruned)
            } else {
                try await study.tell(trial: trial.number, state: .complete, value: final)
            }
            // A merged group's steps cost one per run (`CurveGroups`).
            trials.append(
                ReplayTrial(
                    id: record.id, prunedAt: prunedAt, stepsUsed: used * record.runs, totalSteps: record.curve.count * record.runs,
                    final: final))
        }
        let seconds = Double(decisionTime.components.seconds) + Double(decisionTime.components.attoseconds) * 1e-18
        return ReplayResult(pruner: spec, direction: direction, trials: trials, decisions: decisions, decisionSeconds: seconds)
    }

    /// The value of a recorded curve by `rule` (NaN for an empty curve).
    static func value(of record: CurveRecord, by rule: TrialValue, direction: Direction) -> Double {
        let curve = MetricCurve(steps: record.curve.indices.map(record.step(at:)), values: record.curve)
        return rule.value(of: curve, direction: direction) ?? .nan
    }

    /// Refuses a dataset a replay cannot score, naming `source`: one with no curves, or one where
    /// no curve has a final value (every curve is empty or ends in `null`), so that there is no
    /// best trial to keep.
    public static func checkScorable(_ records: [CurveRecord], source: String) throws(SweepError) {
        if records.isEmpty { throw .invalidArgument("\(source) \(noCurves)") }
        if !records.contains(where: { !$0.final.isNaN }) { throw .invalidArgument("\(source): \(noFinalValue)") }
    }

    static let noCurves = "holds no curves; expected one JSON object per line, like {\"id\": \"t1\", \"curve\": [0.1, 0.2]}"
    static let noFinalValue =
        "no curve has a final value (each is empty or ends in null), so there is no best trial to keep; expected numbers, like {\"id\": \"t1\", \"curve\": [0.1, 0.2]}"

    /// The direction of a dataset: `override` when given, otherwise the one its lines name
    /// (maximize when none does). Lines that disagree are an error.
    public static func direction(of records: [CurveRecord], override: Direction?) throws(SweepError) -> Direction {
        if let override { return override }
        let named = Set(records.compactMap(\.direction))
        guard named.count <= 1 else {
            throw .invalidArgument("the dataset mixes directions \(named.sorted()); pass --direction to choose one")
        }
        return try named.first.map { text throws(SweepError) in try Direction(parsing: text) } ?? .maximize
    }
}

/// A sampler for studies without parameters (replay feeds recorded curves, not configurations).
struct NoParameters: Sampler {
    func sample(_ space: SearchSpace, trialNumber: Int, seed: UInt64, study: StudyIndex) throws -> [String: ParamValue] {
        guard space.isEmpty else {
            throw SweepError.invalidArgument("replay studies have no parameter space")
        }
        return [:]
    }
}
