import SweepBandits
import SweepCurves

/// The bandit lab's generated curves as a curve dataset (DESIGN.md's JSON lines).
public enum GeneratedCurves {
    /// One record per curve: id `g<index>`, the agent's hyperparameters (and the agent and
    /// environment names) as `params`, the reward curve, and as `labels` the ground truth
    /// (optimal mean reward, final and maximum smoothed reward, regret, ...) with the specs, arm
    /// count, runs, smoothing window and run seed that reproduce the curve.
    public static func records(_ curves: [GeneratedCurve]) -> [CurveRecord] {
        curves.map(record)
    }

    public static func record(_ c: GeneratedCurve) -> CurveRecord {
        var params = c.hyperparameters.mapValues { CurveJSON.number($0) }
        params["agent"] = .string(c.agent)
        params["environment"] = .string(c.environment)
        let l = c.labels
        let labels: [String: CurveJSON] = [
            "optimal_mean_reward": .number(l.optimalMeanReward),
            "random_mean_reward": .number(l.randomMeanReward),
            "mean_reward": .number(l.meanReward),
            "final_smoothed_reward": .number(l.finalSmoothedReward),
            "max_smoothed_reward": .number(l.maxSmoothedReward),
            "regret": .number(l.regret),
            "optimal_action_fraction": .number(l.optimalActionFraction),
            "label_window": .number(Double(l.labelWindow)),
            "agent_spec": .string(c.agentSpec),
            "env_spec": .string(c.environmentSpec),
            "arms": .number(Double(c.arms)),
            "runs": .number(Double(c.runs)),
            "smoothing_window": .number(Double(c.smoothingWindow)),
            "run_seed": .string(String(c.runSeed)),
        ]
        return CurveRecord(
            id: "g\(c.index)", params: params, curve: c.curve, direction: "maximize", labels: labels)
    }
}
