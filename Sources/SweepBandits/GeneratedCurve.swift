/// One learning curve from `CurveGenerator`: the configuration that produced it, the curve, and
/// ground-truth labels.
///
/// The curve is reproducible: `BanditExperiment(steps: curve.count, runs: runs, seed: runSeed)`
/// run on `environmentSpec` and `agentSpec` gives `rewardCurve`, and its trailing moving average
/// over `smoothingWindow` steps is `curve`.
public struct GeneratedCurve: Sendable, Equatable {
    /// Position in the generated set (its random stream).
    public var index: Int
    /// The agent's name (`random`, `ucb1`, …) and its full spec.
    public var agent: String
    public var agentSpec: String
    /// The environment's name (`bernoulli` or `gaussian`) and its full spec (explicit means).
    public var environment: String
    public var environmentSpec: String
    /// The agent's numeric hyperparameters by spec key (empty for `random`).
    public var hyperparameters: [String: Double]
    /// Number of arms.
    public var arms: Int
    /// Independent runs averaged into the curve (1 gives a single noisy run).
    public var runs: Int
    /// Width of the trailing moving average applied to the curve (1: none).
    public var smoothingWindow: Int
    /// The seed of the runs' streams.
    public var runSeed: UInt64
    /// Mean reward per step, averaged over the runs and smoothed.
    public var curve: [Double]
    /// Ground truth.
    public var labels: CurveLabels
}

/// Ground truth for a generated curve, from the expected rewards and the unsmoothed mean curve.
public struct CurveLabels: Sendable, Equatable, Codable {
    /// μ*: the best arm's mean, the reward an oracle expects per step.
    public var optimalMeanReward: Double
    /// The mean of all arm means: what the random agent expects per step.
    public var randomMeanReward: Double
    /// Mean reward over all steps.
    public var meanReward: Double
    /// Mean reward over the last `labelWindow` steps.
    public var finalSmoothedReward: Double
    /// Largest mean reward over any `labelWindow` consecutive steps.
    public var maxSmoothedReward: Double
    /// Final cumulative pseudo-regret Σ (μ* − μ_arm), averaged over runs.
    public var regret: Double
    /// Fraction of pulls that went to an optimal arm.
    public var optimalActionFraction: Double
    /// The window of the smoothed labels: max(1, steps / 10).
    public var labelWindow: Int

    enum CodingKeys: String, CodingKey {
        case optimalMeanReward = "optimal_mean_reward"
        case randomMeanReward = "random_mean_reward"
        case meanReward = "mean_reward"
        case finalSmoothedReward = "final_smoothed_reward"
        case maxSmoothedReward = "max_smoothed_reward"
        case regret
        case optimalActionFraction = "optimal_action_fraction"
        case labelWindow = "label_window"
    }
}
