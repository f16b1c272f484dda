import Testing
import SweepML
@testable import SweepBandits

@Suite struct RecurrentEstimatorTests {
    /// Feeds uniformly random pulls of two arms whose means (0.8, 0.2) swap at step 500 and
    /// returns the number of steps after the swap until the estimator ranks arm 1 first.
    func stepsToTrackSwitch<E: RewardEstimator>(_ estimator: E, seed: UInt64) -> Int {
        var e = estimator
        var rng = RandomGenerator(seed: seed)
        e.reset(arms: 2, contextDimension: 0, using: &rng)
        for step in 0..<1500 {
            let swapped = step >= 500
            if swapped {
                let p = e.predict(context: [])
                if p[1] > p[0] { return step - 500 }
            }
            let arm = rng.nextInt(below: 2)
            let mean = (arm == 0) != swapped ? 0.8 : 0.2
            e.update(arm: arm, context: [], reward: mean + 0.1 * rng.nextGaussian())
        }
        return 1000
    }

    @Test func tracksAnAbruptSwitchFasterThanTheEmpiricalMean() {
        for seed in UInt64(1)...3 {
            let recurrent = stepsToTrackSwitch(RecurrentEstimator(), seed: seed)
            let empirical = stepsToTrackSwitch(EmpiricalEstimator(), seed: seed)
            // The sample mean needs about as many steps as it saw before (≈ 500); the GRU < 100.
            #expect(recurrent < 100)
            #expect(empirical > 300)
        }
    }

    @Test func beatsTheEmpiricalEstimatorOnAContextualProblem() {
        // Mean expected reward over steps 2000..<3000 on 3 seeds; ignoring the context earns 0.4.
        var recurrent = 0.0, empirical = 0.0
        for seed in UInt64(1)...3 {
            recurrent += meanReward(RecurrentAgent(), on: QuadrantBandit(), steps: 3000, tail: 1000, seed: seed) / 3
            let baseline = EstimatorAgent(estimator: EmpiricalEstimator(), rule: .epsilonGreedy(epsilon: 0.1))
            empirical += meanReward(baseline, on: QuadrantBandit(), steps: 3000, tail: 1000, seed: seed) / 3
        }
        #expect(recurrent >= 0.7)
        #expect(recurrent - empirical >= 0.2)
    }

    @Test func makeReadsParameters() throws {
        let agent = try RecurrentAgent.make(parameters: ["hidden": "8", "window": "16", "selection": "thompson", "scale": "0.5"])
        #expect(agent.core.estimator.options.hidden == 8)
        #expect(agent.core.estimator.options.window == 16)
        #expect(agent.core.rule == .thompson(scale: 0.5))
        #expect(throws: BanditSpecError.self) { try RecurrentAgent.make(parameters: ["window": "-1"]) }
    }

    @Test func sameSeedSameRun() {
        let a = meanReward(RecurrentAgent(), on: QuadrantBandit(), steps: 300, tail: 300, seed: 5)
        let b = meanReward(RecurrentAgent(), on: QuadrantBandit(), steps: 300, tail: 300, seed: 5)
        #expect(a == b)
    }
}
