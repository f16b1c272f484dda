import SweepCore
import SweepPruners
import Testing

@Suite struct AutoPrunerTests {
    /// Five trials that saturate by step 2 (finals 0.9 to 0.94): from step 2 on nobody gains.
    let saturating = (0..<5).map { i in [0.5, 0.8, 0.9, 0.9, 0.9].map { $0 + 0.01 * Double(i) } }

    @Test func prunesATrialThatCannotCatchUpEvenWithTheLargestGainSeen() async throws {
        // At step 0 the complete trials gained at most 0.44 from there: 0.1 + 0.44 < 0.94.
        #expect(try await replay(AutoPruner(), saturating + [[0.1, 0.2, 0.3, 0.3, 0.3]], direction: .maximize)
            == [nil, nil, nil, nil, nil, 0])
        // One that can still get there (0.6 + 0.44 > 0.94) goes on until the gains left are too small.
        #expect(try await replay(AutoPruner(), saturating + [[0.6, 0.7, 0.75, 0.8, 0.8]], direction: .maximize)
            == [nil, nil, nil, nil, nil, 1])
    }

    @Test func aLateBloomerSeenOnceKeepsFlatTrialsGoing() async throws {
        let bloomer = [0.0, 0.0, 0.0, 0.0, 1.0]
        // Flat at 0.1: while the bloomer's gain (1.0) is still ahead it could reach 1.1 > 1.0.
        let pruned = try await replay(AutoPruner(), [bloomer] + saturating + [[0.1, 0.1, 0.1, 0.1, 0.1]], direction: .maximize)
        // (The last saturating trial, 0.94 at its last step, cannot beat the bloomer's 1.0 either.)
        #expect(pruned == [nil, nil, nil, nil, nil, 4, 4], "\(pruned)")
    }

    @Test func waitsForEnoughCompleteTrialsAndItsWarmUp() async throws {
        #expect(try await replay(AutoPruner(), Array(saturating.prefix(4)) + [[0.1, 0.1, 0.1, 0.1, 0.1]], direction: .maximize)
            == [nil, nil, nil, nil, nil])
        #expect(try await replay(AutoPruner(nWarmupSteps: 3), saturating + [[0.1, 0.2, 0.3, 0.3, 0.3]], direction: .maximize)
            == [nil, nil, nil, nil, nil, 3])
        #expect(try await replay(AutoPruner(nStartupTrials: 6), saturating + [[0.1, 0.1, 0.1, 0.1, 0.1]], direction: .maximize)
            == [nil, nil, nil, nil, nil, nil])
    }

    @Test func minimizingMirrorsMaximizing() async throws {
        let mirrored = saturating.map { $0.map { -$0 } }
        #expect(try await replay(AutoPruner(), mirrored + [[-0.1, -0.2, -0.3, -0.3, -0.3]], direction: .minimize)
            == [nil, nil, nil, nil, nil, 0])
    }

    @Test func aDivergedTrialIsPrunedAndNaNIsNoGain() async throws {
        #expect(try await replay(AutoPruner(), saturating + [[0.9, .nan, .nan, 0.9, 0.9]], direction: .maximize)
            == [nil, nil, nil, nil, nil, 2])
        // A single NaN is skipped: the trial at 0.92 can still win.
        #expect(try await replay(AutoPruner(), saturating + [[0.92, .nan, 0.95, 0.95, 0.95]], direction: .maximize)
            == [nil, nil, nil, nil, nil, nil])
    }

    @Test func thePriorAllowsGainsInProportionToTheStepsLeft() async throws {
        // Spread of the finals 0.04; prior 25 allows 1.0 × (1 − step/4): 1.1 and 0.95 reach 0.94, 0.3 + 0.5 does not.
        let pruned = try await replay(AutoPruner(prior: 25), saturating + [[0.1, 0.2, 0.3, 0.3, 0.3]], direction: .maximize)
        #expect(pruned == [nil, nil, nil, nil, nil, 2], "\(pruned)")
    }

    @Test func itsReasonSaysWhyInWords() throws {
        let index = StudyIndex(name: "s", direction: .maximize, objective: "reward")
        var changes = StudyChanges(cursor: 1)
        for (i, curve) in saturating.enumerated() {
            changes.finished.append(Trial(
                id: Int64(i + 1), number: i, state: .complete, value: curve.last,
                metrics: ["reward": MetricCurve(steps: Array(curve.indices), values: curve)]))
        }
        index.apply(changes)
        var progress = TrialProgress(number: 5)
        progress.record(step: 0, value: 0.1)
        let decision = try AutoPruner().decide(progress, in: index)
        #expect(decision.prune)
        #expect(decision.reason == "at step 0 its reward is 0.1; with the largest gain any of 5 complete trials made from there to their end (0.4) it would reach 0.5, below best trial 4's 0.94")
        // The gains and the final range survive a snapshot.
        let restored = try StudyIndex.restore(try index.snapshot(cursor: 1), name: "s", direction: .maximize, objective: "reward")
        #expect(restored.steps == index.steps && restored.finalRange == index.finalRange)
        #expect(index.finalRange?.lowerBound == 0.9 && abs((index.finalRange?.upperBound ?? 0) - 0.94) < 1e-12)
        #expect(index.statistics(atStep: 0).gains.sorted.count == 5)
    }

    @Test func specs() throws {
        let p = try #require(try Pruners.make(parsing: "auto") as? AutoPruner)
        #expect(p.nStartupTrials == 5 && p.nWarmupSteps == 0 && p.quantile == 1 && p.prior == 0)
        #expect(specError("auto:quantile=0") == "quantile must be in (0, 1], got 0")
        #expect(specError("auto:n_startup_trials=0") != nil)
        #expect(specError("auto:prior=-1") != nil)
        #expect(specError("auto:patience=3") != nil)
    }
}
