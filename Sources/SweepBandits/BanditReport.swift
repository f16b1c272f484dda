import Foundation

/// What a `BanditExperiment` measured, averaged over its independent runs.
///
/// Curves have one value per step: the mean over runs (and the standard deviation over runs in
/// the `…SD` curves). Regret is pseudo-regret, Σ (μ* − μ_arm) with expected rewards. Its coding
/// keys are snake_case: `agent`, `env`, `steps`, `runs`, `seed`, `regret_mean`, `regret_sd`,
/// `optimal_action_fraction`, `reward_curve`, `regret_curve`, … (`sweep bandit --json` writes it
/// through SweepWire: the seed as a string, NaN as null).
public struct BanditReport: Sendable, Equatable, Codable {
    /// The agent and environment specs.
    public var agent: String
    public var environment: String
    public var steps: Int
    public var runs: Int
    public var seed: UInt64
    /// Number of arms and of context classes.
    public var arms: Int
    public var contextClasses: Int
    /// Final cumulative pseudo-regret: mean and standard deviation over runs.
    public var regretMean: Double
    public var regretSD: Double
    /// Mean reward over all steps and runs.
    public var rewardMean: Double
    /// Fraction of all pulls that went to an optimal arm.
    public var optimalActionFraction: Double
    /// Mean reward and fraction of optimal pulls at the last step.
    public var finalReward: Double
    public var finalOptimalActionFraction: Double
    /// Per step: mean reward, its sd over runs, mean cumulative regret, its sd, optimal fraction.
    public var rewardCurve: [Double]
    public var rewardSDCurve: [Double]
    public var regretCurve: [Double]
    public var regretSDCurve: [Double]
    public var optimalActionCurve: [Double]
    /// Mean pulls per run of each arm.
    public var armCounts: [Double]
    /// Mean pulls per run of each arm (rows) in each context class (columns).
    public var armClassCounts: [[Double]]

    enum CodingKeys: String, CodingKey {
        case agent, environment = "env", steps, runs, seed, arms
        case contextClasses = "context_classes"
        case regretMean = "regret_mean"
        case regretSD = "regret_sd"
        case rewardMean = "reward_mean"
        case optimalActionFraction = "optimal_action_fraction"
        case finalReward = "final_reward"
        case finalOptimalActionFraction = "final_optimal_action_fraction"
        case rewardCurve = "reward_curve"
        case rewardSDCurve = "reward_sd_curve"
        case regretCurve = "regret_curve"
        case regretSDCurve = "regret_sd_curve"
        case optimalActionCurve = "optimal_action_curve"
        case armCounts = "arm_counts"
        case armClassCounts = "arm_class_counts"
    }

    init(
        agent: String, environment: String, steps: Int, runs: Int, seed: UInt64, arms: Int, contextClasses: Int,
        totals: ExperimentTotals
    ) {
        self.agent = agent
        self.environment = environment
        self.steps = steps
        self.runs = runs
        self.seed = seed
        self.arms = arms
        self.contextClasses = contextClasses
        let n = Double(runs)
        func sd(_ sum: Double, _ squares: Double) -> Double {
            runs < 2 ? 0 : (max(0, squares - sum * sum / n) / (n - 1)).squareRoot()
        }
        let w = ExperimentTotals.width
        let s = totals.stats
        rewardCurve = (0..<steps).map { s[$0 * w] / n }
        rewardSDCurve = (0..<steps).map { sd(s[$0 * w], s[$0 * w + 1]) }
        regretCurve = (0..<steps).map { s[$0 * w + 2] / n }
        regretSDCurve = (0..<steps).map { sd(s[$0 * w + 2], s[$0 * w + 3]) }
        optimalActionCurve = (0..<steps).map { s[$0 * w + 4] / n }
        let finals = totals.finalRegrets
        regretMean = finals.reduce(0, +) / n
        regretSD = sd(finals.reduce(0, +), finals.reduce(0) { $0 + $1 * $1 })
        rewardMean = rewardCurve.reduce(0, +) / Double(steps)
        optimalActionFraction = optimalActionCurve.reduce(0, +) / Double(steps)
        finalReward = rewardCurve[steps - 1]
        finalOptimalActionFraction = optimalActionCurve[steps - 1]
        armClassCounts = (0..<arms).map { a in
            (0..<contextClasses).map { Double(totals.armClassCounts[a * contextClasses + $0]) / n }
        }
        armCounts = armClassCounts.map { $0.reduce(0, +) }
    }
}
