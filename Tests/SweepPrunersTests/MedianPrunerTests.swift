import SweepCore
import SweepPruners
import Testing

@Suite struct MedianPrunerTests {
    @Test func defaultsAreOptunas() throws {
        let p = try MedianPruner()
        #expect(p.nStartupTrials == 5 && p.nWarmupSteps == 0 && p.intervalSteps == 1 && p.nMinTrials == 1)
        #expect("\(p)" == "median:n_startup_trials=5,n_warmup_steps=0,interval_steps=1,n_min_trials=1")
    }

    @Test func waitsForTheStartupTrials() async throws {
        let curves: [[Double]] = [[1, 1, 1], [2, 2, 2], [5, 5, 5]]
        #expect(try await replay(MedianPruner(nStartupTrials: 2), curves) == [nil, nil, 0])
        #expect(try await replay(MedianPruner(nStartupTrials: 3), curves) == [nil, nil, nil])
        // With no startup trials, one complete trial is enough (never none).
        #expect(try await replay(MedianPruner(nStartupTrials: 0), curves) == [nil, 0, 0])
    }

    @Test func judgesTheBestValueSoFar() async throws {
        let pruner = try MedianPruner(nStartupTrials: 2)
        // The median at every step is 2: 1.5 early keeps the first trial going; the second never beats it.
        let pruned = try await replay(pruner, [[1, 1, 1], [3, 3, 3], [1.5, 4, 4], [2.5, 1, 1]])
        #expect(pruned == [nil, nil, nil, 0])
        // Maximizing: the best is the largest so far.
        await #expect(try replay(pruner, [[1, 1, 1], [3, 3, 3], [2.5, 0, 0], [1.5, 9, 9]], direction: .maximize) == [nil, nil, nil, 0])
    }

    @Test func warmupAndIntervalSteps() async throws {
        let complete: [[Double]] = [[5, 5, 0, 0, 0, 0], [5, 5, 0, 0, 0, 0]]
        let late: [Double] = [1, 1, 1, 1, 1, 1]  // good until step 2, where the median drops to 0
        #expect(try await replay(MedianPruner(nStartupTrials: 2), complete + [late]) == [nil, nil, 2])
        // Checks at steps 1, 3, 5 only.
        #expect(try await replay(MedianPruner(nStartupTrials: 2, nWarmupSteps: 1, intervalSteps: 2), complete + [late]) == [nil, nil, 3])
        #expect(try await replay(MedianPruner(nStartupTrials: 2, nWarmupSteps: 4), complete + [[9, 9, 9, 9, 9, 9]]) == [nil, nil, 4])
    }

    @Test func aSkippedCheckpointIsCheckedAtTheNextReport() async throws {
        let pruner = try MedianPruner(nStartupTrials: 1, nWarmupSteps: 0, intervalSteps: 3)
        let study = try await makeStudy(pruner)
        try await run([0, 0, 0, 0, 0], in: study)
        let index = try await index(of: study)
        // Checkpoints 0, 3, 6: a report at 4 after one at 0 is the first since checkpoint 3.
        let skipped = TrialProgress(number: 9, curve: MetricCurve(steps: [0, 4], values: [1, 1]))
        #expect(pruner.decide(skipped, in: index).prune)
        let checked = TrialProgress(number: 9, curve: MetricCurve(steps: [0, 3, 4], values: [1, 1, 1]))
        #expect(!pruner.decide(checked, in: index).prune)
    }

    @Test func needsNMinTrialsReportsAtTheStep() async throws {
        let pruner = try MedianPruner(nStartupTrials: 0, nMinTrials: 3)
        #expect(try await replay(pruner, [[1, 1], [1, 1], [9, 9], [9, 9]]) == [nil, nil, nil, 0])
        // A complete trial that never reached step 1 does not count there.
        #expect(try await replay(pruner, [[1], [1, 1], [1, 1], [0, 9]]) == [nil, nil, nil, nil])
    }

    @Test func nanHandling() async throws {
        let pruner = try MedianPruner(nStartupTrials: 2, nMinTrials: 3)
        // A trial with only NaN so far is pruned.
        #expect(try await replay(pruner, [[1, 1], [2, 2], [.nan, 0]]) == [nil, nil, 0])
        // NaN values of complete trials are left out of the median (1 and 3 → 2) but count as reports.
        #expect(try await replay(pruner, [[1, 1], [.nan, 3], [3, 3], [2.5, 2.5]]) == [nil, nil, nil, 0])
        // A trial that ended on NaN failed: it is not a complete trial.
        #expect(try await replay(try MedianPruner(nStartupTrials: 1), [[1, .nan], [9, 9]]) == [nil, nil])
    }

    @Test func badSpecs() {
        #expect(specError("median:n_startup_trials=-1") == "n_startup_trials must be an integer >= 0, got '-1'")
        #expect(specError("median:interval_steps=0") == "interval_steps must be an integer >= 1, got '0'")
        #expect(specError("median:n_min_trials=0") == "n_min_trials must be an integer >= 1, got '0'")
        #expect(specError("median:n_warmup_steps=2.5") == "n_warmup_steps must be an integer >= 0, got '2.5'")
        #expect(specError("median:percentile=30")?.hasPrefix("unknown parameter 'percentile' for 'median'") == true)
    }
}
