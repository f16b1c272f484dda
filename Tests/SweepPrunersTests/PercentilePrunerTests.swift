import SweepCore
import SweepPruners
import Testing

@Suite struct PercentilePrunerTests {
    @Test func interpolatesLikeNumpy() async throws {
        // Four complete trials: the 25th percentile of 1, 2, 3, 4 is 1.75; then 1.7 joins (→ 1.7).
        let pruner = try PercentilePruner(percentile: 25, nStartupTrials: 4)
        await #expect(try replay(pruner, [[1], [2], [3], [4], [1.7], [1.8]]) == [nil, nil, nil, nil, nil, 0])
    }

    @Test func maximizingUsesTheUpperPercentile() async throws {
        // Keeping the top 25% when maximizing compares with the 75th percentile: 3.25, then 3.3.
        let pruner = try PercentilePruner(percentile: 25, nStartupTrials: 4)
        await #expect(try replay(pruner, [[1], [2], [3], [4], [3.3], [3.2]], direction: .maximize) == [nil, nil, nil, nil, nil, 0])
    }

    @Test func extremes() async throws {
        // 0 keeps only trials at least as good as the best; 100 prunes only the worse than the worst.
        let curves: [[Double]] = [[1], [3], [2], [3], [4]]
        await #expect(try replay(PercentilePruner(percentile: 0, nStartupTrials: 2), curves) == [nil, nil, 0, 0, 0])
        await #expect(try replay(PercentilePruner(percentile: 100, nStartupTrials: 2), curves) == [nil, nil, nil, nil, 0])
    }

    @Test func specs() throws {
        let p = try #require(try Pruners.make(parsing: "percentile:percentile=33.3,n_warmup_steps=4") as? PercentilePruner)
        #expect(p.percentile == 33.3 && p.nWarmupSteps == 4 && p.nStartupTrials == 5 && p.intervalSteps == 1)
        #expect(specError("percentile:percentile=150") == "percentile must be in [0, 100], got '150'")
        #expect(specError("percentile:percentile=-1") == "percentile must be in [0, 100], got '-1'")
        #expect(specError("percentile:percentile=high") == "percentile must be a number in [0, 100], got 'high'")
        #expect(specError("percentile:percentile=nan") == "percentile must be a number in [0, 100], got 'nan'")
        #expect(specError("percentile") == "percentile is required for 'percentile' (a number in [0, 100]), got nothing")
        #expect(specError("percentile:n_startup_trials=1") == "percentile is required for 'percentile' (a number in [0, 100]), got nothing")
    }

    @Test func programmaticValidation() {
        #expect(throws: SweepError.invalidArgument("percentile must be in [0, 100], got 150")) {
            try PercentilePruner(percentile: 150)
        }
        #expect(throws: SweepError.invalidArgument("interval_steps must be an integer >= 1, got 0")) {
            try PercentilePruner(percentile: 50, intervalSteps: 0)
        }
    }
}

@Suite struct PruneReasonTests {
    @Test func reasonsSayWhatWasCompared() async throws {
        let study = try await makeStudy(try PercentilePruner(percentile: 25, nStartupTrials: 1), direction: .maximize)
        try await run([4], in: study)
        try await run([3], in: study)
        let reason = try await study.trials()[1].userAttributes["prune_reason"]
        #expect(reason == .string("best value 3.0 up to step 0 is worse than the 75th percentile 4.0 of 1 complete trials at that step"))
        let median = try await makeStudy(try MedianPruner(nStartupTrials: 1))
        try await run([1], in: median)
        try await run([3], in: median)
        await #expect(try median.trials()[1].userAttributes["prune_reason"]?.stringValue?.contains("worse than the median 1.0") == true)
    }
}
