import SweepCore
import SweepPruners
import Testing

@Suite struct SuccessiveHalvingPrunerTests {
    let constant = { (value: Double, count: Int) in [Double](repeating: value, count: count) }

    @Test func promotesTheTopFractionAtEachRung() async throws {
        let pruner = try SuccessiveHalvingPruner(minResource: .steps(1), reductionFactor: 2)
        let study = try await makeStudy(pruner)
        // Rungs at steps 1, 2, 4. The second trial is worse than the first at rung 0; the third, the best.
        let pruned = try await run([constant(5, 5), constant(9, 5), constant(1, 5)], in: study)
        #expect(pruned == [nil, 1, nil])
        let trials = try await study.trials()
        #expect(trials[0].systemAttributes == ["completed_rung_0": .number(5), "completed_rung_1": .number(5), "completed_rung_2": .number(5)])
        // A pruned trial keeps the value it reached the rung with: later trials compete with it.
        #expect(trials[1].systemAttributes == ["completed_rung_0": .number(9)])
        await #expect(try index(of: study).attributes["completed_rung_0"]?.sorted == [1, 5, 9])
    }

    @Test func maximizingPromotesTheLargest() async throws {
        let pruner = try SuccessiveHalvingPruner(minResource: .steps(1), reductionFactor: 2)
        await #expect(try replay(pruner, [constant(5, 3), constant(1, 3), constant(9, 3)], direction: .maximize) == [nil, 1, nil])
    }

    @Test func minEarlyStoppingRateSkipsRungs() async throws {
        let pruner = try SuccessiveHalvingPruner(minResource: .steps(1), reductionFactor: 2, minEarlyStoppingRate: 1)
        await #expect(try replay(pruner, [constant(5, 5), constant(9, 5)]) == [nil, 2])
    }

    @Test func bootstrapCountWaitsForCompany() async throws {
        let pruner = try SuccessiveHalvingPruner(minResource: .steps(1), reductionFactor: 2, bootstrapCount: 2)
        await #expect(try replay(pruner, [constant(1, 3), constant(2, 3), constant(0, 3)]) == [1, 1, 2])
    }

    @Test func autoMinResourceIsEstimatedOnceAndKept() async throws {
        let pruner = try SuccessiveHalvingPruner()  // min_resource=auto, reduction_factor=4
        let study = try await makeStudy(pruner)
        // Nothing is decided before a trial completes; then 249 / 100 → the first rung is at step 2.
        await #expect(try run(constant(1, 250), in: study) == nil)
        #expect(try await study.trials()[0].systemAttributes.isEmpty)
        await #expect(try run(constant(2, 250), in: study) == nil)
        await #expect(try index(of: study).studyAttributes[SuccessiveHalvingPruner.minResourceKey] == .number(2))
        #expect(try await study.trials()[1].systemAttributes.keys.sorted() == (0...3).map { "completed_rung_\($0)" })
        // A longer trial completing later does not move the rungs (Optuna caches the estimate).
        await #expect(try run(constant(0, 600), in: study) == nil)
        await #expect(try run(constant(5, 10), in: study) == 2)
        await #expect(try index(of: study).studyAttributes[SuccessiveHalvingPruner.minResourceKey] == .number(2))
    }

    @Test func aNaNAtARungPrunes() async throws {
        let pruner = try SuccessiveHalvingPruner(minResource: .steps(1), reductionFactor: 2)
        let study = try await makeStudy(pruner)
        await #expect(try run([1, .nan, 1], in: study) == 1)
        #expect(try await study.trials()[0].systemAttributes.isEmpty)
        // Before the first rung a NaN is not looked at.
        await #expect(try replay(pruner, [[.nan, 1, 1]]) == [nil])
    }

    @Test func specs() throws {
        let p = try #require(try Pruners.make(parsing: "successive_halving") as? SuccessiveHalvingPruner)
        #expect(p.minResource == .auto && p.reductionFactor == 4 && p.minEarlyStoppingRate == 0 && p.bootstrapCount == 0)
        let q = try #require(
            try Pruners.make(parsing: "successive_halving:min_resource=3,reduction_factor=2,bootstrap_count=1") as? SuccessiveHalvingPruner)
        #expect(q.minResource == .steps(3) && q.reductionFactor == 2 && q.bootstrapCount == 1)
        #expect(specError("successive_halving:min_resource=0") == "min_resource must be 'auto' or an integer >= 1, got '0'")
        #expect(specError("successive_halving:min_resource=fast") == "min_resource must be 'auto' or an integer >= 1, got 'fast'")
        #expect(specError("successive_halving:reduction_factor=1") == "reduction_factor must be an integer >= 2, got '1'")
        #expect(specError("successive_halving:min_early_stopping_rate=-1") == "min_early_stopping_rate must be an integer >= 0, got '-1'")
        #expect(
            specError("successive_halving:bootstrap_count=1")
                == "bootstrap_count > 0 needs a fixed min_resource (an integer >= 1), got min_resource=auto and bootstrap_count=1")
    }
}
