import Testing
@testable import SweepBandits

@Suite struct LinUCBAgentTests {
    @Test func linUCBLearnsALinearContextualProblem() throws {
        let env = "contextual:kind=linear,arms=4,dimension=5,noise=0.1"
        let runs = scaledRuns(100, debug: 20)
        let linucb = try report(env, "linucb:alpha=0.5", steps: 2_000, runs: runs)
        let ucb1 = try report(env, "ucb1", steps: 2_000, runs: runs)
        // The best arm depends on the context: a context-blind agent keeps losing, LinUCB stops.
        #expect(linucb.finalOptimalActionFraction > 0.85)
        #expect(linucb.regretMean < 0.25 * ucb1.regretMean)
    }

    @Test func linUCBLearnsTheClassificationBandit() throws {
        let result = try report(
            "contextual:kind=classification,arms=3,dimension=4,separation=3", "linucb", steps: 1_000, runs: scaledRuns(50, debug: 10))
        // Arm × class counts: the pulls of arm k concentrate on class k.
        let counts = result.armClassCounts
        for k in 0..<3 { #expect(counts[k][k] > 0.6 * counts.map { $0[k] }.reduce(0, +)) }
    }

    @Test func shermanMorrisonKeepsTheInverse() {
        var agent = LinUCBAgent(alpha: 1)
        agent.reset(arms: 1, contextDimension: 2)
        let xs: [[Double]] = [[1, 2], [0.5, -1], [3, 0.25]]
        for x in xs { agent.update(arm: 0, reward: 1, context: x) }
        // A = I + Σ x xᵀ; check A · A⁻¹ = I.
        var a: [Double] = [1, 0, 0, 1]
        for x in xs {
            for i in 0..<2 { for j in 0..<2 { a[i * 2 + j] += x[i] * x[j] } }
        }
        let inverse = agent.inverses
        for i in 0..<2 {
            for j in 0..<2 {
                let product = (0..<2).map { a[i * 2 + $0] * inverse[$0 * 2 + j] }.reduce(0, +)
                #expect(abs(product - (i == j ? 1 : 0)) < 1e-12)
            }
        }
    }
}
