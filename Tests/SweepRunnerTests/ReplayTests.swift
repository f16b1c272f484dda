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
