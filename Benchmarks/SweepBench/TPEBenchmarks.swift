import Foundation
import SweepCore
import SweepSamplers

// `sweep-bench tpe-quality` and `sweep-bench tpe-speed`: Sweep's side of `Benchmarks/tpe_optuna.py`.
// Both print JSON lines with the same fields as the Python script.

/// Never prunes: the benchmarks only exercise samplers.
private struct KeepGoingPruner: Pruner {
    func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision { .keepGoing }
}

/// A test function to minimise over a box; `noise` is the standard deviation of Gaussian noise
/// added to each evaluation.
private struct TestFunction: Sendable {
    let name: String
    let bounds: [(Double, Double)]
    let noise: Double
    let f: @Sendable ([Double]) -> Double

    var space: SearchSpace {
        get throws {
            var space = SearchSpace()
            for (i, (lo, hi)) in bounds.enumerated() {
                space.set("x\(i)", .float(try FloatDistribution(low: lo, high: hi)))
            }
            return space
        }
    }
}

private let testFunctions: [TestFunction] = [
    TestFunction(name: "branin", bounds: [(-5, 10), (0, 15)], noise: 0) { x in
        let a = 1.0
        let b = 5.1 / (4 * Double.pi * Double.pi)
        let c = 5 / Double.pi
        let r = 6.0
        let s = 10.0
        let t = 1 / (8 * Double.pi)
        let u = x[1] - b * x[0] * x[0] + c * x[0] - r
        return a * u * u + s * (1 - t) * cos(x[0]) + s
    },
    TestFunction(name: "hartmann6", bounds: Array(repeating: (0, 1), count: 6), noise: 0) { x in
        let alpha = [1.0, 1.2, 3.0, 3.2]
        let a: [[Double]] = [
            [10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14],
        ]
        let p: [[Double]] = [
            [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
            [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
        ]
        var total = 0.0
        for i in 0..<4 {
            var inner = 0.0
            for j in 0..<6 { inner += a[i][j] * (x[j] - p[i][j]) * (x[j] - p[i][j]) }
            total += alpha[i] * exp(-inner)
        }
        return -total
    },
    TestFunction(name: "rosenbrock4", bounds: Array(repeating: (-2.048, 2.048), count: 4), noise: 0) { x in
        var total = 0.0
        for i in 0..<3 {
            let u = x[i + 1] - x[i] * x[i]
            total += 100 * u * u + (1 - x[i]) * (1 - x[i])
        }
        return total
    },
    TestFunction(name: "noisy_quadratic", bounds: Array(repeating: (-5, 5), count: 3), noise: 0.5) { x in
        let centre = [1.0, -2.0, 0.5]
        var total = 0.0
        for i in 0..<3 { total += (x[i] - centre[i]) * (x[i] - centre[i]) }
        return total
    },
]

private struct Options {
    let values: [String: String]
    init(_ words: [String]) async throws {
        var parsed: [String: String] = [:]
        var index = 0
        while index < words.count {
            let key = words[index]
            guard key.hasPrefix("--"), index + 1 < words.count else {
                throw SweepError.invalidArgument("expected --name value pairs, got '\(key)'")
            }
            // `parsed[name] = value` did not store here (Swift 6.3, this file); updateValue does.
            parsed.updateValue(words[index + 1], forKey: String(key.dropFirst(2)))
            index += 2
        }
        values = parsed
    }
    func int(_ key: String, _ fallback: Int) throws -> Int {
        guard let text = values[key] else { return fallback }
        guard let v = Int(text) else { throw SweepError.invalidArgument("--\(key) must be an integer, got '\(text)'") }
        return v
    }
    func string(_ key: String, _ fallback: String) -> String { values[key] ?? fallback }
}

private func printJSON(_ object: [String: Any]) throws {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    FileHandle.standardOutput.write(data + Data("\n".utf8))
}

/// `tpe-quality [--seeds 10] [--trials 100] [--sampler tpe] [--functions branin,hartmann6,...]`:
/// the best value found per (function, seed), minimising.
func tpeQuality(arguments: [String]) async throws {
    let options = try await Options(arguments)
    let seeds = try options.int("seeds", 10)
    let trials = try options.int("trials", 100)
    let spec = options.string("sampler", "tpe")
    let names = Set(options.string("functions", testFunctions.map(\.name).joined(separator: ",")).split(separator: ",").map(String.init))
    for function in testFunctions where names.contains(function.name) {
        let space = try function.space
        let parameterNames = space.names
        for seed in 0..<seeds {
            let config = StudyConfig(
                name: "\(function.name)-\(seed)", direction: .minimize, sampler: spec, pruner: "nop", seed: UInt64(seed),
                space: space)
            let study = try await Study.create(
                config, storage: InMemoryStorage(), sampler: try Samplers.make(parsing: spec, seed: UInt64(seed)),
                pruner: KeepGoingPruner())
            var best = Double.infinity
            var bestTrue = Double.infinity
            let start = Date()
            for _ in 0..<trials {
                let trial = try await study.ask()
                let x = parameterNames.map { trial.params[$0]?.doubleValue ?? .nan }
                let truth = function.f(x)
                var value = truth
                if function.noise > 0 {
                    var rng = SplitMix64(seed: SplitMix64.derive(UInt64(seed) &+ 1_000_003, UInt64(trial.number)))
                    value += function.noise * rng.nextGaussian()
                }
                try await study.tell(trial: trial.number, state: .complete, value: value)
                if value < best {
                    best = value
                    bestTrue = truth
                }
            }
            try printJSON([
                "tool": "sweep", "sampler": spec, "function": function.name, "seed": seed, "trials": trials,
                "best": best, "best_true": bestTrue, "seconds": Date().timeIntervalSince(start),
            ])
        }
    }
}

/// `tpe-speed [--sizes 100,1000,10000] [--repeats 7] [--sampler tpe] [--kind float|int]`: the
/// median time of one suggestion (`Study.ask`, 4 parameters in [-5, 5]) in a study that already
/// has N finished trials.
func tpeSpeed(arguments: [String]) async throws {
    let options = try await Options(arguments)
    let sizes = options.string("sizes", "100,1000,10000").split(separator: ",").compactMap { Int($0) }
    let repeats = try options.int("repeats", 7)
    let spec = options.string("sampler", "tpe")
    let kind = options.string("kind", "float")
    var space = SearchSpace()
    for i in 0..<4 {
        switch kind {
        case "float": space.set("x\(i)", .float(try FloatDistribution(low: -5, high: 5)))
        case "int": space.set("x\(i)", .int(try IntDistribution(low: -5, high: 5)))
        default: throw SweepError.invalidArgument("--kind must be float or int, got '\(kind)'")
        }
    }
    for size in sizes {
        let config = StudyConfig(name: "speed-\(size)", direction: .minimize, sampler: spec, pruner: "nop", seed: 7, space: space)
        // Fill the study with random trials, then switch to the sampler under test.
        let study = try await Study.create(config, storage: InMemoryStorage(), sampler: RandomSampler(), pruner: KeepGoingPruner())
        for _ in 0..<size {
            let trial = try await study.ask()
            let value = space.names.reduce(0.0) { acc, name in
                let v = trial.params[name]?.doubleValue ?? 0
                return acc + v * v
            }
            try await study.tell(trial: trial.number, state: .complete, value: value)
        }
        study.sampler = try Samplers.make(parsing: spec, seed: 7)
        var times: [Double] = []
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            let trial = try await study.ask()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            // Failed trials are ignored by the sampler, so each suggestion sees the same history.
            try await study.tell(trial: trial.number, state: .failed)
        }
        // The sampler alone, without the study's bookkeeping around it.
        var samplerTimes: [Double] = []
        for r in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try study.sampler.sample(space, trialNumber: size + r, seed: UInt64(r), study: study.index)
            samplerTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        times.sort()
        samplerTimes.sort()
        try printJSON([
            "tool": "sweep", "sampler": spec, "trials": size, "params": 4, "kind": kind, "repeats": repeats,
            "median_ms": times[times.count / 2], "sampler_median_ms": samplerTimes[samplerTimes.count / 2],
        ])
    }
}
