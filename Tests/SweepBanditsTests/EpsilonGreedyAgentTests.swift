import SweepML
import Testing
@testable import SweepBandits

/// Sutton & Barto (2018), §2.3, Figure 2.2: the 10-armed testbed (means ~ N(0, 1), rewards
/// N(μ, 1)), 2,000 tasks × 1,000 steps, sample averages.
@Suite struct EpsilonGreedyAgentTests {
    /// Mean reward and optimal fraction over the last 100 steps.
    func ending(_ report: BanditReport) -> (reward: Double, optimal: Double) {
        let tail = (report.steps - 100)..<report.steps
        return (tail.map { report.rewardCurve[$0] }.reduce(0, +) / 100, tail.map { report.optimalActionCurve[$0] }.reduce(0, +) / 100)
    }

    @Test func tenArmedTestbedMatchesSuttonAndBarto() throws {
        // The book's 2,000 tasks × 1,000 steps (a few seconds in a debug build, on both cores).
        let runs = 2_000
        let epsilon = ending(try report("gaussian:arms=10,stds=1", "epsilon_greedy:epsilon=0.1", steps: 1_000, runs: runs))
        let greedy = ending(try report("gaussian:arms=10,stds=1", "greedy", steps: 1_000, runs: runs))
        // ε = 0.1: about 1.4 mean reward and about 80% optimal actions by step 1,000.
        #expect(abs(epsilon.reward - 1.37) < 0.07)
        #expect(abs(epsilon.optimal - 0.80) < 0.05)
        // Greedy: about 1.0 and about 35%.
        #expect(abs(greedy.reward - 1.03) < 0.08)
        #expect(abs(greedy.optimal - 0.36) < 0.05)
    }

    @Test func constantStepSizeTracksADriftingBandit() throws {
        // Exercise 2.5: with drifting means a constant step size beats sample averages.
        let env = "drifting:drift=0.01,means=0,0,0,0,0,0,0,0,0,0"
        let runs = scaledRuns(300, debug: 60)
        let constant = try report(env, "epsilon_greedy:epsilon=0.1,step_size=0.1", steps: 5_000, runs: runs)
        let average = try report(env, "epsilon_greedy:epsilon=0.1", steps: 5_000, runs: runs)
        #expect(constant.regretMean < average.regretMean)
    }

    @Test func greedyWithoutExplorationNeverDrawsForExploration() {
        var agent = EpsilonGreedyAgent(epsilon: 0, initial: 5)
        agent.reset(arms: 3, contextDimension: 0)
        var rng = RandomGenerator(seed: 3)
        // Optimistic initial values make the greedy agent try every arm once.
        var tried = Set<Int>()
        for step in 0..<3 {
            let arm = agent.selectArm(step: step, context: [], using: &rng)
            tried.insert(arm)
            agent.update(arm: arm, reward: 0, context: [])
        }
        #expect(tried == [0, 1, 2])
    }
}


@Suite struct EpsilonGreedyTieTests {
    /// The incrementally kept maximum picks uniformly among tied arms: with all estimates equal
    /// (no rewards yet, ε = 0), each of 4 arms is chosen about a quarter of the time.
    @Test func greedyBreaksTiesUniformly() {
        var agent = EpsilonGreedyAgent(epsilon: 0)
        agent.reset(arms: 4, contextDimension: 0)
        var rng = RandomGenerator(seed: 9)
        var counts = [0, 0, 0, 0]
        for step in 0..<40_000 { counts[agent.selectArm(step: step, context: [], using: &rng)] += 1 }
        // Binomial(40000, 1/4): sd ≈ 87.
        for c in counts { #expect(abs(c - 10_000) < 450) }
    }

    /// The kept maximum, its tie count and first arm always equal a fresh scan of the estimates.
    @Test func incrementalMaximumMatchesAScan() {
        for stepSize in [nil, 0.3] as [Double?] {
            var agent = EpsilonGreedyAgent(epsilon: 0.2, stepSize: stepSize)
            agent.reset(arms: 5, contextDimension: 0)
            var rng = RandomGenerator(seed: 10)
            for step in 0..<5_000 {
                let arm = agent.selectArm(step: step, context: [], using: &rng)
                // Rewards in {0, 0.5, 1} make exact ties common.
                agent.update(arm: arm, reward: Double(rng.nextInt(below: 3)) / 2, context: [])
                let values = agent.estimates.values
                let maximum = values.max()!
                #expect(agent.maximum == maximum)
                #expect(agent.tied == values.filter { $0 == maximum }.count)
                #expect(agent.first == values.firstIndex(of: maximum)!)
            }
        }
    }
}
