import Testing
@testable import SweepBandits

@Suite struct RandomAgentTests {
    @Test func randomRegretIsStepsTimesTheGapToTheMeanArm() throws {
        let means = [0.1, 0.3, 0.5, 0.9]
        let steps = 1_000
        let runs = 400
        let result = try report("bernoulli:means=0.1,0.3,0.5,0.9", "random", steps: steps, runs: runs)
        let expected = Double(steps) * (0.9 - means.reduce(0, +) / 4)
        // Per-step regret is uniform over {0.8, 0.6, 0.4, 0} (sd 0.30), so the mean over runs of
        // the sum has standard error 0.30·√1000/√400 = 0.47; allow 5 of them.
        #expect(abs(result.regretMean - expected) < 2.5)
        // Each arm gets a quarter of the pulls (sd of a count: √(1000·3/16)/√400 = 0.7).
        for count in result.armCounts { #expect(abs(count - 250) < 4) }
        // The sd over runs of the regret is √1000 · 0.30 ≈ 9.5.
        #expect(abs(result.regretSD - 9.5) < 1.5)
    }
}
