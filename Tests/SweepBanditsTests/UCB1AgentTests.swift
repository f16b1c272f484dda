import Foundation
import SweepML
import Testing
@testable import SweepBandits

@Suite struct UCB1AgentTests {
    @Test func regretStaysBelowTheAuerBound() throws {
        let means = [0.2, 0.4, 0.5, 0.8]
        let steps = 5_000
        let result = try report("bernoulli:means=0.2,0.4,0.5,0.8", "ucb1", steps: steps, runs: scaledRuns(200, debug: 50))
        // Auer, Cesa-Bianchi & Fischer (2002), Theorem 1:
        // E[R_n] ≤ 8 Σ ln n / Δ_i + (1 + π²/3) Σ Δ_i over the suboptimal arms.
        let gaps = means.dropLast().map { 0.8 - $0 }
        let bound = gaps.reduce(0) { $0 + 8 * log(Double(steps)) / $1 } + (1 + Double.pi * Double.pi / 3) * gaps.reduce(0, +)
        #expect(result.regretMean < bound)
        // And it learns: far below the random agent's 5000 · (0.8 − 0.475) = 1625.
        #expect(result.regretMean < 0.2 * 1_625)
    }

    @Test func everyArmIsPulledOnceFirst() {
        var agent = UCB1Agent()
        agent.reset(arms: 3, contextDimension: 0)
        var rng = RandomGenerator(seed: 1)
        for expected in 0..<3 {
            let arm = agent.selectArm(step: expected, context: [], using: &rng)
            #expect(arm == expected)
            agent.update(arm: arm, reward: 0, context: [])
        }
    }
}

@Suite struct UCB1IndexTests {
    /// The cached form picks the same arm as the textbook index x̄ + √(c² ln t / n) (first
    /// index on ties) at every step of a long run.
    @Test func cachedIndexPicksTheTextbookArm() {
        var agent = UCB1Agent(c: 1.3)
        let means = [0.3, 0.5, 0.55, 0.2, 0.5]
        agent.reset(arms: means.count, contextDimension: 0)
        var rng = RandomGenerator(seed: 4)
        var sums = [Double](repeating: 0, count: means.count)
        var counts = [Double](repeating: 0, count: means.count)
        var disagreements = 0
        for step in 0..<20_000 {
            let arm = agent.selectArm(step: step, context: [], using: &rng)
            var expected = step
            if step >= means.count {
                var best = -Double.infinity
                for a in 0..<means.count {
                    let index = sums[a] / counts[a] + (1.3 * 1.3 * log(Double(step)) / counts[a]).squareRoot()
                    if index > best { best = index; expected = a }
                }
            }
            if arm != expected { disagreements += 1 }
            let reward: Double = rng.nextUnit() < means[arm] ? 1 : 0
            agent.update(arm: arm, reward: reward, context: [])
            sums[arm] += reward
            counts[arm] += 1
        }
        // Rounding can only matter on near-exact ties of two indices.
        #expect(disagreements <= 2)
    }
}
