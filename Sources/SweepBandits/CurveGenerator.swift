import Dispatch
import Foundation
import SweepML
import Synchronization

/// Generates diverse bandit learning curves, deterministic from a seed: a source of realistic
/// noisy curves with known ground truth for testing curve analysis and pruners.
///
/// Curve i draws its configuration from `RandomGenerator(seed: seed, stream: i)`: 2–50 arms,
/// Bernoulli or Gaussian rewards with means spread widely, narrowly or with one standout arm,
/// one of the classical agents (including the non-learning `random`) with random
/// hyperparameters, 1 run (noisy, 60%) or 2–4 runs averaged (smoother), and half of the time a
/// trailing moving average of 2–100 steps. Curves are generated in parallel; the result does not
/// depend on the thread count.
public struct CurveGenerator: Sendable {
    /// Number of curves.
    public let count: Int
    /// Steps per curve.
    public let steps: Int
    public let seed: UInt64
    /// Worker threads; nil for one per active processor.
    public let threads: Int?

    /// A generator of `count` curves of `steps` steps.
    /// - Throws: `BanditExperimentError` when count < 0, steps < 1 or threads < 1.
    public init(count: Int, steps: Int, seed: UInt64 = 0, threads: Int? = nil) throws(BanditExperimentError) {
        guard count >= 0 else { throw .invalid(name: "count", value: count) }
        guard steps >= 1 else { throw .invalid(name: "steps", value: steps) }
        if let threads, threads < 1 { throw .invalid(name: "threads", value: threads) }
        self.count = count
        self.steps = steps
        self.seed = seed
        self.threads = threads
    }

    /// All curves, in index order.
    public func generate() -> [GeneratedCurve] {
        let chunkSize = 32
        let chunkCount = (count + chunkSize - 1) / chunkSize
        guard chunkCount > 0 else { return [] }
        let results = Mutex<[[GeneratedCurve]]>(Array(repeating: [], count: chunkCount))
        let nextChunk = Atomic<Int>(0)
        let workers = min(chunkCount, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: max(1, workers)) { _ in
            while true {
                let chunk = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
                if chunk >= chunkCount { return }
                let lower = chunk * chunkSize
                let curves = (lower..<min(count, lower + chunkSize)).map { curve($0) }
                results.withLock { $0[chunk] = curves }
            }
        }
        return results.withLock { $0.flatMap { $0 } }
    }

    /// Curve `index` alone (the same as `generate()[index]`).
    public func curve(_ index: Int) -> GeneratedCurve {
        var rng = RandomGenerator(seed: seed, stream: UInt64(index))
        let config = CurveConfiguration(steps: steps, using: &rng)
        let runSeed = rng.next()
        let simulation: CurveSimulation
        switch config.rewards {
        case .bernoulli:
            let environment = BernoulliBandit(means: config.means)
            simulation = CurveStep(environment: environment, steps: steps, runs: config.runs, seed: runSeed)
                .visitConcrete(config.agent)
        case .gaussian:
            let environment = GaussianBandit(means: config.means, stds: config.stds)
            simulation = CurveStep(environment: environment, steps: steps, runs: config.runs, seed: runSeed)
                .visitConcrete(config.agent)
        }
        let n = Double(config.runs)
        let mean = simulation.rewardSums.map { $0 / n }
        return GeneratedCurve(
            index: index, agent: config.agentName, agentSpec: config.agentSpec,
            environment: config.rewards == .bernoulli ? "bernoulli" : "gaussian",
            environmentSpec: config.environmentSpec, hyperparameters: config.hyperparameters,
            arms: config.means.count, runs: config.runs, smoothingWindow: config.smoothingWindow, runSeed: runSeed,
            curve: Self.movingAverage(mean, window: config.smoothingWindow),
            labels: Self.labels(mean: mean, means: config.means, regret: simulation.regretSum / n,
                                optimal: simulation.optimalPulls / (n * Double(steps))))
    }

    /// The trailing moving average: value t is the mean of values max(0, t − window + 1)...t.
    public static func movingAverage(_ values: [Double], window: Int) -> [Double] {
        guard window > 1 else { return values }
        var result = [Double](repeating: 0, count: values.count)
        var sum = 0.0
        for t in 0..<values.count {
            sum += values[t]
            if t >= window { sum -= values[t - window] }
            result[t] = sum / Double(min(t + 1, window))
        }
        return result
    }

    static func labels(mean: [Double], means: [Double], regret: Double, optimal: Double) -> CurveLabels {
        let window = max(1, mean.count / 10)
        var sum = 0.0
        var best = -Double.infinity
        for t in 0..<mean.count {
            sum += mean[t]
            if t >= window { sum -= mean[t - window] }
            if t >= window - 1 { best = max(best, sum / Double(window)) }
        }
        return CurveLabels(
            optimalMeanReward: means.max() ?? 0,
            randomMeanReward: means.reduce(0, +) / Double(means.count),
            meanReward: mean.reduce(0, +) / Double(mean.count),
            finalSmoothedReward: mean[(mean.count - window)...].reduce(0, +) / Double(window),
            maxSmoothedReward: best, regret: regret, optimalActionFraction: optimal, labelWindow: window)
    }
}

/// Sums over a curve's runs.
struct CurveSimulation {
    var rewardSums: [Double]
    var regretSum = 0.0
    var optimalPulls = 0.0
}

/// Adds one run's rewards into the per-step sums.
struct CurveRecorder: StepRecorder {
    let rewards: UnsafeMutableBufferPointer<Double>
    var regret = 0.0
    var optimal = 0

    @inline(__always)
    mutating func record(step: Int, arm: Int, contextClass: Int, reward: Double, regret: Double, optimal: Bool) {
        rewards[step] += reward
        self.regret += regret
        if optimal { self.optimal &+= 1 }
    }
}

/// Runs a curve's runs with the agent opened to its concrete type.
struct CurveStep<E: BanditEnvironment>: AgentVisitor {
    let environment: E
    let steps: Int
    let runs: Int
    let seed: UInt64

    func visit<A: BanditAgent>(_ agent: A) -> CurveSimulation {
        var simulation = CurveSimulation(rewardSums: [Double](repeating: 0, count: steps))
        var env = environment
        var agent = agent
        var context = [Double](repeating: 0, count: environment.contextDimension)
        var rewards = [Double](repeating: 0, count: steps)
        rewards.withUnsafeMutableBufferPointer { buffer in
            for run in 0..<runs {
                var rng = RandomGenerator(seed: seed, stream: UInt64(run))
                for t in 0..<steps { buffer[t] = 0 }
                var recorder = CurveRecorder(rewards: buffer)
                simulateRun(
                    environment: &env, agent: &agent, steps: steps, context: &context, rng: &rng, recorder: &recorder)
                for t in 0..<steps { simulation.rewardSums[t] += buffer[t] }
                simulation.regretSum += recorder.regret
                simulation.optimalPulls += Double(recorder.optimal)
            }
        }
        return simulation
    }
}
