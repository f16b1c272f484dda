import Dispatch
import Foundation
import SweepML
import Synchronization

/// R independent runs of T steps of one agent on one environment, spread over the cores.
///
/// Run r draws all its randomness from `RandomGenerator(seed: seed, stream: r)` and runs are
/// grouped into chunks that depend only on R, and the chunks' sums are added in chunk order, so
/// a report is bit-for-bit the same whatever the number of threads.
public struct BanditExperiment: Sendable {
    /// Steps per run (T ≥ 1).
    public let steps: Int
    /// Independent runs (R ≥ 1).
    public let runs: Int
    /// The seed every run's stream derives from.
    public let seed: UInt64
    /// Worker threads; nil for one per active processor.
    public let threads: Int?

    /// An experiment of `runs` × `steps`.
    /// - Throws: `BanditExperimentError` when steps, runs or threads is below 1.
    public init(steps: Int, runs: Int, seed: UInt64 = 0, threads: Int? = nil) throws(BanditExperimentError) {
        guard steps >= 1 else { throw .invalid(name: "steps", value: steps) }
        guard runs >= 1 else { throw .invalid(name: "runs", value: runs) }
        if let threads, threads < 1 { throw .invalid(name: "threads", value: threads) }
        self.steps = steps
        self.runs = runs
        self.seed = seed
        self.threads = threads
    }

    /// Runs the agent on the environment; the spec strings only label the report.
    public func run(
        environment: any BanditEnvironment, agent: any BanditAgent,
        environmentSpec: String = "", agentSpec: String = ""
    ) -> BanditReport {
        let totals = AgentStep(experiment: self, environment: environment).visitConcrete(agent)
        return BanditReport(
            agent: agentSpec, environment: environmentSpec, steps: steps, runs: runs, seed: seed,
            arms: environment.armCount, contextClasses: environment.contextClassCount, totals: totals)
    }

    /// Parses both specs (`BanditSpecs`) and runs them.
    /// - Throws: `BanditSpecError` for a bad spec.
    public func run(environmentSpec: String, agentSpec: String) throws(BanditSpecError) -> BanditReport {
        let environment = try BanditSpecs.environment(parsing: environmentSpec)
        let agent = try BanditSpecs.agent(parsing: agentSpec)
        return run(environment: environment, agent: agent, environmentSpec: environmentSpec, agentSpec: agentSpec)
    }

    /// Runs per chunk: at most 8 chunks (enough to balance a few cores; each chunk sums into
    /// arrays of T × 5 values, added up at the end), a function of R alone (never of the thread
    /// count).
    var chunkSize: Int { max(1, (runs + 7) / 8) }

    /// Runs every chunk on `threads` workers and adds the chunk sums in chunk order.
    func runAll<E: BanditEnvironment, A: BanditAgent>(_ environment: E, _ agent: A) -> ExperimentTotals {
        let chunkCount = (runs + chunkSize - 1) / chunkSize
        let results = Mutex<[ExperimentTotals?]>(Array(repeating: nil, count: chunkCount))
        let nextChunk = Atomic<Int>(0)
        let workers = min(chunkCount, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: max(1, workers)) { _ in
            while true {
                let chunk = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
                if chunk >= chunkCount { return }
                let lower = chunk * chunkSize
                let totals = runChunk(environment, agent, runs: lower..<min(runs, lower + chunkSize))
                results.withLock { $0[chunk] = totals }
            }
        }
        let chunks = results.withLock { $0 }
        var totals = ExperimentTotals(steps: steps, arms: environment.armCount, classes: environment.contextClassCount)
        for chunk in chunks {
            if let chunk { totals.add(chunk) }
        }
        return totals
    }

    func runChunk<E: BanditEnvironment, A: BanditAgent>(_ environment: E, _ agent: A, runs: Range<Int>) -> ExperimentTotals {
        var totals = ExperimentTotals(steps: steps, arms: environment.armCount, classes: environment.contextClassCount)
        var stats = totals.stats
        var counts = totals.armClassCounts
        var finalRegrets: [Double] = []
        var context = [Double](repeating: 0, count: environment.contextDimension)
        var env = environment
        var agent = agent
        stats.withUnsafeMutableBufferPointer { stats in
            counts.withUnsafeMutableBufferPointer { counts in
                // Runs in pairs, stepped side by side: each stat gets run r's value before run
                // r + 1's at every step, exactly as when the runs go one after the other.
                var run = runs.lowerBound
                while run + 1 < runs.upperBound {
                    var environments = (env, env)
                    var agents = (agent, agent)
                    var contexts = (context, context)
                    var rngs = (
                        RandomGenerator(seed: seed, stream: UInt64(run)), RandomGenerator(seed: seed, stream: UInt64(run + 1)))
                    var recorders = (
                        ExperimentRecorder(stats: stats, counts: counts, classes: environment.contextClassCount),
                        ExperimentRecorder(stats: stats, counts: counts, classes: environment.contextClassCount))
                    simulateRunPair(
                        environments: &environments, agents: &agents, steps: steps, contexts: &contexts, rngs: &rngs,
                        recorders: &recorders)
                    finalRegrets.append(recorders.0.cumulativeRegret)
                    finalRegrets.append(recorders.1.cumulativeRegret)
                    run += 2
                }
                if run < runs.upperBound {
                    var rng = RandomGenerator(seed: seed, stream: UInt64(run))
                    var recorder = ExperimentRecorder(
                        stats: stats, counts: counts, classes: environment.contextClassCount)
                    simulateRun(
                        environment: &env, agent: &agent, steps: steps, context: &context, rng: &rng,
                        recorder: &recorder)
                    finalRegrets.append(recorder.cumulativeRegret)
                }
            }
        }
        totals.stats = stats
        totals.armClassCounts = counts
        totals.finalRegrets = finalRegrets
        return totals
    }

    struct AgentStep: AgentVisitor {
        let experiment: BanditExperiment
        let environment: any BanditEnvironment
        func visit<A: BanditAgent>(_ agent: A) -> ExperimentTotals {
            EnvironmentStep(experiment: experiment, agent: agent).visitConcrete(environment)
        }
    }

    struct EnvironmentStep<A: BanditAgent>: EnvironmentVisitor {
        let experiment: BanditExperiment
        let agent: A
        func visit<E: BanditEnvironment>(_ environment: E) -> ExperimentTotals {
            experiment.runAll(environment, agent)
        }
    }
}

/// Why an experiment could not be set up.
public enum BanditExperimentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `name` (steps, runs, threads) must be at least 1.
    case invalid(name: String, value: Int)

    public var description: String {
        switch self {
        case .invalid(let name, let value): return "\(name) must be at least 1, got \(value)"
        }
    }
}

/// Sums over runs: per step (reward, reward², cumulative regret, its square, optimal pulls),
/// pulls per arm × class, and every run's final regret in run order.
struct ExperimentTotals: Sendable {
    static let width = 5
    var stats: [Double]
    var armClassCounts: [Int]
    var finalRegrets: [Double] = []

    init(steps: Int, arms: Int, classes: Int) {
        stats = [Double](repeating: 0, count: steps * Self.width)
        armClassCounts = [Int](repeating: 0, count: arms * classes)
    }

    mutating func add(_ other: ExperimentTotals) {
        stats.withUnsafeMutableBufferPointer { mine in
            other.stats.withUnsafeBufferPointer { theirs in
                for i in 0..<mine.count { mine[i] += theirs[i] }
            }
        }
        for i in 0..<armClassCounts.count { armClassCounts[i] += other.armClassCounts[i] }
        finalRegrets.append(contentsOf: other.finalRegrets)
    }
}

/// Adds one run's steps into a chunk's sums.
struct ExperimentRecorder: StepRecorder {
    let stats: UnsafeMutableBufferPointer<Double>
    let counts: UnsafeMutableBufferPointer<Int>
    let classes: Int
    var cumulativeRegret = 0.0

    init(stats: UnsafeMutableBufferPointer<Double>, counts: UnsafeMutableBufferPointer<Int>, classes: Int) {
        self.stats = stats
        self.counts = counts
        self.classes = classes
    }

    @inline(__always)
    mutating func record(step: Int, arm: Int, contextClass: Int, reward: Double, regret: Double, optimal: Bool) {
        cumulativeRegret += regret
        let base = step &* ExperimentTotals.width
        stats[base] += reward
        stats[base &+ 1] += reward * reward
        stats[base &+ 2] += cumulativeRegret
        stats[base &+ 3] += cumulativeRegret * cumulativeRegret
        if optimal { stats[base &+ 4] += 1 }
        counts[arm &* classes &+ contextClass] &+= 1
    }
}
