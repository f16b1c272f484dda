import SweepML

/// The `recurrent` agent: a `RecurrentEstimator` (GRU over the recent history of pulls, rewards
/// and contexts) with a selection rule on top (epsilon-greedy by default).
public struct RecurrentAgent: BanditAgent {
    /// The estimator and rule doing the work.
    public var core: EstimatorAgent<RecurrentEstimator>

    /// An agent with the given estimator options and rule.
    public init(options: RecurrentEstimator.Options = .init(), rule: SelectionRule = .epsilonGreedy(epsilon: 0.1)) {
        core = EstimatorAgent(estimator: RecurrentEstimator(options: options), rule: rule)
    }

    /// Builds the agent from spec parameters: `hidden` (GRU state size, default 16), `lr` (Adam,
    /// 0.01), `window` (truncated-BPTT window, 32), `train_every` (1),
    /// `selection` (`epsilon_greedy`|`per_arm_epsilon`|`thompson`|`ucb`), `epsilon` (0.1),
    /// `c` (UCB, 1), `scale` (Thompson, 1).
    /// - Throws: `BanditSpecError` for an unknown key or a bad value.
    public static func make(parameters: [String: String]) throws(BanditSpecError) -> RecurrentAgent {
        let p = try AgentParameters(name: "recurrent", values: parameters, allowed: parameterNames)
        let options = RecurrentEstimator.Options(
            hidden: try p.int("hidden", default: 16, in: 1...1024),
            learningRate: try p.double("lr", default: 0.01, in: 1e-9...10, expected: "a learning rate in (0, 10]"),
            window: try p.int("window", default: 32, in: 1...100_000),
            trainEvery: try p.int("train_every", default: 1, in: 1...100_000))
        return RecurrentAgent(options: options, rule: try p.selectionRule())
    }

    /// The keys `make(parameters:)` takes.
    public static let parameterNames = ["hidden", "lr", "window", "train_every"] + AgentParameters.selectionKeys

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
