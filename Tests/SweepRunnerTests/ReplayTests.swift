import Foundation
import SweepCore
import SweepCurves
import Testing

@testable import SweepRunner

/// Prunes a trial as soon as a value drops below the threshold.
struct FloorPruner: Pruner {
    var floor: Double
    func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision {
        PruneDecision(prune: (trial.curve.lastValue ?? .infinity) < floor)
    }
}

@Suite struct ReplayTests {
    let records = [
        CurveRecord(id: "a", curve: [0.1, 0.2, 0.3, 0.4]),
        CurveRecord(id: "b", curve: [0.1, 0.05, 0.6, 0.9]),  // the best, pruned at step 1 by a floor of 0.08
        CurveRecord(id: "c", curve: [0.2, 0.3, 0.5, 0.5]),
    ]

    @Test func stopsTrialsWhereThePrunerSaysAndScoresTheResult() async throws {
        let result = try await Replay.run(records, pruner: FloorPruner(floor: 0.08), spec: "floor", direction: .maximize)
        #expect(result.trials.map(\.prunedAt) == [nil, 1, nil])
        #expect(result.trials.map(\.stepsUsed) == [4, 2, 4])
        #expect(result.stepsUsedFraction == 10.0 / 12.0)
        #expect(result.bestTrial?.id == "b")
        #expect(!result.bestKept)
        // Best final 0.9, best kept 0.5, range 0.9 - 0.4 = 0.5.
        #expect(abs(result.normalizedRegret - 0.8) < 1e-12)
        #expect(result.decisions == 10)
    }

    @Test func keepingEverythingHasNoRegret() async throws {
        let result = try await Replay.run(records, pruner: FloorPruner(floor: -1), spec: "none", direction: .maximize)
        #expect(result.bestKept)
        #expect(result.normalizedRegret == 0)
        #expect(result.stepsUsedFraction == 1)
    }

    @Test func minimizingPicksTheSmallestFinal() async throws {
        let result = try await Replay.run(records, pruner: FloorPruner(floor: -1), spec: "none", direction: .minimize)
        #expect(result.bestTrial?.id == "a")
    }

    /// Finals near the ends of `Double`: their range (2e308) overflows, and the regret must not
    /// be inf/inf.
    @Test func regretIsFiniteForFinalsNearTheEndsOfDouble() async throws {
        let extreme = [
            CurveRecord(id: "a", curve: [1e308, -1e308]),  // pruned at step 1, final -1e308
            CurveRecord(id: "b", curve: [-1e308, 1e308]),  // the best, pruned at step 0
            CurveRecord(id: "c", curve: [0.5, 0]),  // kept, final 0
        ]
        let result = try await Replay.run(extreme, pruner: FloorPruner(floor: 0), spec: "floor", direction: .maximize)
        #expect(result.trials.map(\.prunedAt) == [1, 0, nil])
        #expect(result.bestTrial?.id == "b" && !result.bestKept)
        // (1e308 − 0) / (1e308 − (−1e308)) = 0.5, to rounding.
        #expect(abs(result.normalizedRegret - 0.5) < 1e-12, "\(result.normalizedRegret)")
        let minimizing = try await Replay.run(extreme, pruner: FloorPruner(floor: 0), spec: "floor", direction: .minimize)
        // The best (a, −1e308) was pruned; the kept c is 0: (0 − (−1e308)) / 2e308.
        #expect(abs(minimizing.normalizedRegret - 0.5) < 1e-12, "\(minimizing.normalizedRegret)")
        let infinite = ReplayResult(
            pruner: "x", direction: .maximize,
            trials: [
                ReplayTrial(id: "i", prunedAt: 0, stepsUsed: 1, totalSteps: 2, final: .infinity),
                ReplayTrial(id: "k", prunedAt: nil, stepsUsed: 2, totalSteps: 2, final: -1e308),
            ], decisions: 2, decisionSeconds: 0)
        // An infinite final counts as the largest finite one: the kept trial is the worst.
        #expect(infinite.normalizedRegret == 1)
    }

    @Test func aDatasetWithoutAFinalValueHasNoBestAndIsRefused() throws {
        #expect(throws: SweepError.invalidArgument("c.jsonl \(Replay.noCurves)")) { try Replay.checkScorable([], source: "c.jsonl") }
        let noFinal = [CurveRecord(id: "a", curve: []), CurveRecord(id: "b", curve: [.nan, .nan]), CurveRecord(id: "c", curve: [1, .nan])]
        #expect(throws: SweepError.invalidArgument("c.jsonl: \(Replay.noFinalValue)")) {
            try Replay.checkScorable(noFinal, source: "c.jsonl")
        }
        // One final value is enough: there is a best to keep.
        try Replay.checkScorable(noFinal + [CurveRecord(id: "d", curve: [.nan, 2])], source: "c.jsonl")
    }

    @Test func stepsFromTheFileAreReported() async throws {
        let result = try await Replay.run(
            [CurveRecord(id: "s", curve: [1, -1, 2], steps: [0, 10, 20])], pruner: FloorPruner(floor: 0), spec: "floor",
            direction: .maximize)
        #expect(result.trials[0].prunedAt == 10)
    }

    @Test func directionComesFromTheFileUnlessOverridden() throws {
        let mixed = [CurveRecord(id: "a", curve: [1], direction: "maximize"), CurveRecord(id: "b", curve: [1], direction: "minimize")]
        #expect(throws: SweepError.self) { try Replay.direction(of: mixed, override: nil) }
        #expect(try Replay.direction(of: mixed, override: .minimize) == .minimize)
        #expect(try Replay.direction(of: [CurveRecord(id: "a", curve: [1], direction: "minimize")], override: nil) == .minimize)
        #expect(try Replay.direction(of: [CurveRecord(id: "a", curve: [1])], override: nil) == .maximize)
    }

    @Test func jsonHasTheKeysScriptsRelyOn() async throws {
        let result = try await Replay.run(records, pruner: FloorPruner(floor: 0.08), spec: "floor", direction: .maximize)
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any]
        for key in ["pruner", "trials", "steps_used_fraction", "best_kept", "normalized_regret"] {
            #expect(object?[key] != nil, "missing \(key)")
        }
        let first = (object?["trials"] as? [[String: Any]])?.first
        for key in ["id", "pruned_at", "steps_used", "final"] { #expect(first?[key] != nil, "missing trial key \(key)") }
    }
}
