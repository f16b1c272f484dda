import SweepML

/// Receives every step of a run.
protocol StepRecorder {
    /// `regret` is this step's pseudo-regret μ* − μ_arm; `optimal` whether the arm was a best one.
    mutating func record(step: Int, arm: Int, contextClass: Int, reward: Double, regret: Double, optimal: Bool)
}

/// One independent run of `steps` steps: resets both, then observe → select → pull → update.
/// Generic and inlined into its specialised callers; allocates nothing per step.
@inline(__always)
func simulateRun<E: BanditEnvironment, A: BanditAgent, R: StepRecorder>(
    environment: inout E, agent: inout A, steps: Int, context: inout [Double],
    rng: inout RandomGenerator, recorder: inout R
) {
    environment.reset(using: &rng)
    agent.reset(arms: environment.armCount, contextDimension: environment.contextDimension)
    let arms = environment.armCount
    let classes = environment.contextClassCount
    for step in 0..<steps {
        let contextClass = environment.observe(step: step, context: &context, using: &rng)
        let arm = agent.selectArm(step: step, context: context, using: &rng)
        precondition(arm >= 0 && arm < arms && contextClass >= 0 && contextClass < classes, "arm or class out of range")
        let expected = environment.expectedReward(arm: arm)
        let best = environment.optimalExpectedReward
        let reward = environment.pull(arm: arm, using: &rng)
        agent.update(arm: arm, reward: reward, context: context)
        let regret = best - expected
        recorder.record(
            step: step, arm: arm, contextClass: contextClass, reward: reward, regret: regret,
            optimal: regret <= 1e-12 * max(1, abs(best)))
    }
}
