import Foundation
import SweepBandits

/// `sweep-bench bandits [--repeats N] [--steps T] [--runs R]`: the bandit lab's speed beside
/// `Benchmarks/bandits_numpy.py` — 10 Bernoulli arms with means 0.05, 0.15, …, 0.95, T = 10,000
/// steps × R = 100 runs, for ε-greedy (ε = 0.1), UCB1 and Thompson (Beta). Prints one JSON
/// object per agent with the median wall-clock seconds over the repeats (and the mean regret,
/// to check both sides run the same thing). `--agent NAME` runs only that agent; `--threads N`
/// pins the worker count (default: one per core).
func banditSpeed(arguments: [String]) throws {
    let repeats = try banditIntOption("--repeats", in: arguments, default: 5)
    let steps = try banditIntOption("--steps", in: arguments, default: 10_000)
    let runs = try banditIntOption("--runs", in: arguments, default: 100)
    let means = (0..<10).map { 0.05 + 0.1 * Double($0) }
    let environment = BernoulliBandit(means: means)
    let agents: [(String, any BanditAgent)] = [
        ("epsilon_greedy", EpsilonGreedyAgent(epsilon: 0.1)),
        ("ucb1", UCB1Agent()),
        ("thompson", BetaThompsonAgent()),
    ]
    let only: String? = arguments.firstIndex(of: "--agent").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    let threads = arguments.contains("--threads") ? try banditIntOption("--threads", in: arguments, default: 1) : nil
    let experiment = try BanditExperiment(steps: steps, runs: runs, seed: 1, threads: threads)
    for (name, agent) in agents where only.map({ (wanted: String) -> Bool in wanted == name }) ?? true {
        var times: [Double] = []
        var regret = 0.0
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            let report = experiment.run(environment: environment, agent: agent)
            times.append(banditSeconds(ContinuousClock.now - start))
            regret = report.regretMean
        }
        print(#"{"bench":"bandits","agent":"\#(name)","seconds":\#(banditMedian(times)),"steps":\#(steps),"runs":\#(runs),"regret_mean":\#(regret),"implementation":"sweep"}"#)
    }
}

/// `sweep-bench curves [--count N] [--steps T] [--repeats N] [--seed S]`: time to generate
/// N = 10,000 learning curves of T = 1,000 steps with `CurveGenerator` (generation only). Prints
/// one JSON object with the median seconds over the repeats.
func curveGeneration(arguments: [String]) throws {
    let count = try banditIntOption("--count", in: arguments, default: 10_000)
    let steps = try banditIntOption("--steps", in: arguments, default: 1_000)
    let repeats = try banditIntOption("--repeats", in: arguments, default: 3)
    let seed = try banditIntOption("--seed", in: arguments, default: 0)
    let generator = try CurveGenerator(count: count, steps: steps, seed: UInt64(seed))
    var times: [Double] = []
    var points = 0
    for _ in 0..<repeats {
        let start = ContinuousClock.now
        let curves = generator.generate()
        times.append(banditSeconds(ContinuousClock.now - start))
        points = curves.reduce(0) { $0 + $1.curve.count }
    }
    print(#"{"bench":"curve_generation","count":\#(count),"steps":\#(steps),"points":\#(points),"seconds":\#(banditMedian(times))}"#)
}

private func banditIntOption(_ name: String, in arguments: [String], default value: Int) throws -> Int {
    guard let i = arguments.firstIndex(of: name) else { return value }
    guard i + 1 < arguments.count, let n = Int(arguments[i + 1]), n >= (name == "--seed" ? 0 : 1) else {
        throw BanditBenchError(message: "\(name) takes a positive integer")
    }
    return n
}

private struct BanditBenchError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

private func banditSeconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

private func banditMedian(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
