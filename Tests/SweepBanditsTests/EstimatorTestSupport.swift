import SweepBandits
import SweepML

/// A nonlinear contextual bandit for the estimator tests: the context is a point of [-1, 1]²,
/// arm a pays N(1, 0.1²) in quadrant a and N(0.2, 0.1²) elsewhere. Ignoring the context earns
/// 0.4 on average; reading it earns up to 1.
struct QuadrantBandit: BanditEnvironment {
    var armCount: Int { 4 }
    var contextDimension: Int { 2 }
    var contextClassCount: Int { 4 }
    var quadrant = 0

    mutating func reset(using rng: inout RandomGenerator) {}

    mutating func observe(step: Int, context: inout [Double], using rng: inout RandomGenerator) -> Int {
        context[0] = 2 * rng.nextUnit() - 1
        context[1] = 2 * rng.nextUnit() - 1
        quadrant = (context[0] >= 0 ? 0 : 1) + (context[1] >= 0 ? 0 : 2)
        return quadrant
    }

    func expectedReward(arm: Int) -> Double { arm == quadrant ? 1 : 0.2 }
    var optimalExpectedReward: Double { 1 }

    mutating func pull(arm: Int, using rng: inout RandomGenerator) -> Double {
        expectedReward(arm: arm) + 0.1 * rng.nextGaussian()
    }
}

/// Runs `agent` on `environment` for `steps` steps and returns the mean expected reward of its
/// pulls over the last `tail` steps.
func meanReward<A: BanditAgent, E: BanditEnvironment>(
    _ agent: A, on environment: E, steps: Int, tail: Int, seed: UInt64
) -> Double {
    var agent = agent
    var env = environment
    var rng = RandomGenerator(seed: seed)
    env.reset(using: &rng)
    agent.reset(arms: env.armCount, contextDimension: env.contextDimension)
    var context = [Double](repeating: 0, count: env.contextDimension)
    var total = 0.0
    for step in 0..<steps {
        _ = env.observe(step: step, context: &context, using: &rng)
        let arm = agent.selectArm(step: step, context: context, using: &rng)
        if step >= steps - tail { total += env.expectedReward(arm: arm) }
        let reward = env.pull(arm: arm, using: &rng)
        agent.update(arm: arm, reward: reward, context: context)
    }
    return total / Double(tail)
}
