import Testing
import SweepML
@testable import SweepBandits

@Suite struct NeuralAgentTests {
    @Test func beatsTheEmpiricalEstimatorOnAContextualProblem() {
        // Mean expected reward over steps 2000..<3000, averaged over 3 seeds. Ignoring the context
        // earns about 0.4; the neural agent must reach 0.8 and beat the empirical agent by 0.25.
        var neural = 0.0, empirical = 0.0
        for seed in UInt64(1)...3 {
            neural += meanReward(NeuralAgent(), on: QuadrantBandit(), steps: 3000, tail: 1000, seed: seed) / 3
            let baseline = EstimatorAgent(estimator: EmpiricalEstimator(), rule: .epsilonGreedy(epsilon: 0.1))
            empirical += meanReward(baseline, on: QuadrantBandit(), steps: 3000, tail: 1000, seed: seed) / 3
        }
        #expect(neural >= 0.8)
        #expect(neural - empirical >= 0.25)
    }

    @Test(arguments: ["epsilon_greedy", "per_arm_epsilon", "thompson", "ucb"])
    func everySelectionRuleLearnsTheContext(_ selection: String) throws {
        let agent = try NeuralAgent.make(parameters: ["selection": selection, "hidden": "16"])
        let reward = meanReward(agent, on: QuadrantBandit(), steps: 2000, tail: 500, seed: 9)
        // Well above the 0.4 of a context-blind agent.
        #expect(reward >= 0.7)
    }

    @Test func makeReadsParameters() throws {
        let agent = try NeuralAgent.make(parameters: [
            "hidden": "16x8", "lr": "0.005", "selection": "ucb", "c": "2", "activation": "relu",
        ])
        #expect(agent.core.estimator.options.hidden == [16, 8])
        #expect(agent.core.estimator.options.learningRate == 0.005)
        #expect(agent.core.estimator.options.activation == .relu)
        #expect(agent.core.rule == .ucb(c: 2))
        #expect(try NeuralAgent.make(parameters: [:]).core.rule == .epsilonGreedy(epsilon: 0.1))
    }

    @Test func makeRejectsBadParameters() {
        #expect(throws: BanditSpecError.unknownKey(spec: "neural:windw=3", key: "windw", known: NeuralAgent.parameterNames)) {
            try NeuralAgent.make(parameters: ["windw": "3"])
        }
        #expect(throws: BanditSpecError.badValue(spec: "neural:epsilon=2", key: "epsilon", value: "2", expected: "a number in [0, 1]")) {
            try NeuralAgent.make(parameters: ["epsilon": "2"])
        }
        #expect(throws: BanditSpecError.self) { try NeuralAgent.make(parameters: ["hidden": "0"]) }
        #expect(throws: BanditSpecError.self) { try NeuralAgent.make(parameters: ["selection": "softmax"]) }
    }
}
