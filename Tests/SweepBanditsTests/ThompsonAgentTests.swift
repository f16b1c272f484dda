import Testing
@testable import SweepBandits

@Suite struct ThompsonAgentTests {
    @Test func thompsonHasLessRegretThanUCB1OnBernoulliArms() throws {
        let env = "bernoulli:means=0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9"
        let runs = scaledRuns(200, debug: 40)
        let thompson = try report(env, "thompson", steps: 2_000, runs: runs)
        let ucb1 = try report(env, "ucb1", steps: 2_000, runs: runs)
        // Known: Beta-Bernoulli Thompson sampling is far below UCB1 here (Chapelle & Li 2011);
        // it must beat UCB1's mean by more than 4 standard errors of the difference.
        let error = ((thompson.regretSD * thompson.regretSD + ucb1.regretSD * ucb1.regretSD) / Double(runs)).squareRoot()
        #expect(thompson.regretMean + 4 * error < ucb1.regretMean)
    }

    @Test func gaussianThompsonLearnsGaussianArms() throws {
        let result = try report("gaussian:means=0,0.5,1,stds=1", "thompson:prior=gaussian", steps: 2_000, runs: scaledRuns(100, debug: 30))
        // Random play would lose 2000 · 0.5 = 1000.
        #expect(result.regretMean < 100)
        #expect(result.finalOptimalActionFraction > 0.9)
    }
}
