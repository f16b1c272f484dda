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
    for step in 0..<steps {
        runStep(step, &environment, &agent, &context, &rng, &recorder)
    }
}

/// Two independent runs stepped side by side: step s of the first, then step s of the second.
/// Each is exactly `simulateRun` (its own environment, agent, context, generator and recorder),
/// but the processor overlaps the two dependency chains, which a single run leaves idle.
@inline(__always)
func simulateRunPair<E: BanditEnvironment, A: BanditAgent, R: StepRecorder>(
    environments: inout (E, E), agents: inout (A, A), steps: Int, contexts: inout ([Double], [Double]),
    rngs: inout (RandomGenerator, RandomGenerator), recorders: inout (R, R)
) {
    environments.0.reset(using: &rngs.0)
    environments.1.reset(using: &rngs.1)
    agents.0.reset(arms: environments.0.armCount, contextDimension: environments.0.contextDimension)
    agents.1.reset(arms: environments.1.armCount, contextDimension: environments.1.contextDimension)
    for step in 0..<steps {
        runStep(step, &environments.0, &agents.0, &contexts.0, &rngs.0, &recorders.0)
        runStep(step, &environments.1, &agents.1, &contexts.1, &rngs.1, &recorders.1)
    }
}

/// One step of a run: observe → select → pull → update → record.
@inline(__always)
private func runStep<E: BanditEnvironment, A: BanditAgent, R: StepRecorder>(
    _ step: Int, _ environment: inout E, _ agent: inout A, _ context: inout [Double],
    _ rng: inout RandomGenerator, _ recorder: inout R
) {
    let contextClass = environment.observe(step: step, context: &context, using: &rng)
    let arm = agent.selectArm(step: step, context: context, using: &rng)
    precondition(
        arm >= 0 && arm < environment.armCount && contextClass >= 0 && contextClass < environment.contextClassCount,
        "arm or class out of range")
    let expected = environment.expectedReward(arm: arm)
    let best = environment.optimalExpectedReward
    let reward = environment.pull(arm: arm, using: &rng)
    agent.update(arm: arm, reward: reward, context: context)
    let regret = best - expected
    recorder.record(
        step: step, arm: arm, contextClass: contextClass, reward: reward, regret: regret,
        optimal: regret <= 1e-12 * max(1, abs(best)))
}
