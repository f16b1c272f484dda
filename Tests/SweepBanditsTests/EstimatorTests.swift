import Testing
import SweepML
@testable import SweepBandits

@Suite struct EstimatorTests {
    @Test func empiricalMeanIsTheSampleMean() {
        var e = EmpiricalEstimator()
        var rng = RandomGenerator(seed: 1)
        e.reset(arms: 2, contextDimension: 0, using: &rng)
        for r in [1.0, 2.0, 6.0] { e.update(arm: 1, context: [], reward: r) }
        #expect(e.predict(context: []) == [0, 3])
        #expect(e.statistics.counts == [0, 3])
        #expect(e.statistics.residualCount == 2)  // the first pull had no prediction
    }

    @Test func constantStepSizeWeighsRecentRewards() {
        var e = EmpiricalEstimator(stepSize: 0.5)
        var rng = RandomGenerator(seed: 1)
        e.reset(arms: 1, contextDimension: 0, using: &rng)
        for r in [4.0, 0.0] { e.update(arm: 0, context: [], reward: r) }
        #expect(e.predict(context: []) == [1])  // 0 → 2 → 1
    }

    @Test func ucbWidthIsInfiniteForUntriedArmsAndShrinksWithPulls() {
        var stats = ArmStatistics(arms: 2)
        for _ in 0..<4 { stats.record(arm: 0, residual: 1) }
        let est = RewardEstimates(means: [0.5, 0.1], statistics: stats)
        #expect(est.confidenceWidth(1) == .infinity)
        var rng = RandomGenerator(seed: 2)
        // An untried arm is pulled first under UCB.
        #expect(SelectionRule.ucb(c: 1).select(est, using: &rng) == 1)
    }

    @Test(arguments: [
        SelectionRule.epsilonGreedy(epsilon: 0.1), .perArmEpsilon(epsilon: 0.1), .thompson(scale: 1), .ucb(c: 1),
    ])
    func everyRuleFindsTheBestArmOfAStationaryProblem(_ rule: SelectionRule) {
        var rng = RandomGenerator(seed: 3)
        var estimator = EmpiricalEstimator()
        estimator.reset(arms: 3, contextDimension: 0, using: &rng)
        let means = [0.2, 0.5, 0.8]
        var bestPulls = 0
        for step in 0..<2000 {
            let arm = rule.select(estimator.estimates(context: []), using: &rng)
            if step >= 1000 && arm == 2 { bestPulls += 1 }
            estimator.update(arm: arm, context: [], reward: means[arm] + 0.3 * rng.nextGaussian())
        }
        // Over the second half, at least 85% of pulls go to the best arm.
        #expect(bestPulls >= 850)
    }

    @Test func greedyTiesAreBrokenAtRandom() {
        var rng = RandomGenerator(seed: 4)
        var seen = Set<Int>()
        for _ in 0..<100 { seen.insert(SelectionRule.argmax([1, 3, 3, 3], using: &rng)) }
        #expect(seen == [1, 2, 3])
    }

    @Test func rewardScalerStandardises() {
        var s = RewardScaler()
        for r in [1.0, 2.0, 3.0] { s.observe(r) }
        #expect(s.mean == 2)
        #expect(abs(s.scale - 1) < 1e-12)
        #expect(abs(s.denormalize(s.normalize(7.5)) - 7.5) < 1e-12)
    }
}
