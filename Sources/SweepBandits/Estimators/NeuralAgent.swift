import SweepML

/// The `neural` agent: a `NeuralEstimator` (MLP from context to one reward per arm) with a
/// selection rule on top (epsilon-greedy by default).
public struct NeuralAgent: BanditAgent {
    /// The estimator and rule doing the work.
    public var core: EstimatorAgent<NeuralEstimator>

    /// An agent with the given estimator options and rule.
    public init(options: NeuralEstimator.Options = .init(), rule: SelectionRule = .epsilonGreedy(epsilon: 0.1)) {
        core = EstimatorAgent(estimator: NeuralEstimator(options: options), rule: rule)
    }

    /// Builds the agent from spec parameters: `hidden` (sizes, `32` or `32x16`; default 32),
    /// `activation` (`tanh`|`relu`), `lr` (Adam, default 0.01), `batch` (8), `replay` (512),
    /// `selection` (`epsilon_greedy`|`per_arm_epsilon`|`thompson`|`ucb`), `epsilon` (0.1),
    /// `c` (UCB, 1), `scale` (Thompson, 1).
    /// - Throws: `BanditSpecError` for an unknown key or a bad value.
    public static func make(parameters: [String: String]) throws(BanditSpecError) -> NeuralAgent {
        let p = try AgentParameters(name: "neural", values: parameters, allowed: parameterNames)
        let activation = try p.choice("activation", default: "tanh", allowed: ["tanh", "relu"])
        let options = NeuralEstimator.Options(
            hidden: try p.sizes("hidden", default: [32]),
            activation: activation == "relu" ? .relu : .tanh,
            learningRate: try p.double("lr", default: 0.01, in: 1e-9...10, expected: "a learning rate in (0, 10]"),
            batch: try p.int("batch", default: 8, in: 1...4096),
            replay: try p.int("replay", default: 512, in: 1...1_000_000))
        return NeuralAgent(options: options, rule: try p.selectionRule())
    }

    /// The keys `make(parameters:)` takes.
    public static let parameterNames = ["hidden", "activation", "lr", "batch", "replay"] + AgentParameters.selectionKeys

    public mutating func reset(arms: Int, contextDimension: Int) {
        core.reset(arms: arms, contextDimension: contextDimension)
    }

    public mutating func selectArm(step: Int, context: [Double], using rng: inout RandomGenerator) -> Int {
        core.selectArm(step: step, context: context, using: &rng)
    }

    public mutating func update(arm: Int, reward: Double, context: [Double]) {
        core.update(arm: arm, reward: reward, context: context)
    }
}
