import Foundation
import SweepML
import Testing
@testable import SweepActiveLearning

@Suite struct PolicyTests {
    static func features(_ rng: inout RandomGenerator, rows: Int = 7) -> Matrix {
        Matrix(rows: rows, columns: CandidateFeatures.count, values: (0..<(rows * CandidateFeatures.count)).map { _ in rng.nextGaussian() })
    }

    /// The gradient of a batch's log-probability matches central differences.
    @Test func logProbabilityGradientMatchesFiniteDifferences() {
        var rng = RandomGenerator(seed: 1)
        let policy = SelectionPolicy(hidden: 5, candidates: 7, seed: 2)
        let x = Self.features(&rng)
        let picks = [3, 0, 5]
        func logProbability(_ theta: [Double]) -> Double {
            var p = policy
            p.network.parameters = theta
            let s = p.scores(x)
            var open = Array(s.indices)
            var total = 0.0
            for pick in picks {
                total += s[pick] - Softmax.logSumExp(open.map { s[$0] })
                open.removeAll { $0 == pick }
            }
            return total
        }
        let analytic = policy.logProbabilityGradient(picks, features: x)
        #expect(Self.worstRelativeError(analytic, at: policy.network.parameters, of: logProbability) < 1e-5)
    }

    /// The largest relative difference between `analytic` and central differences of `f` at `theta`.
    static func worstRelativeError(_ analytic: [Double], at theta: [Double], of f: ([Double]) -> Double) -> Double {
        let h = 1e-6
        var worst = 0.0
        for i in analytic.indices {
            var plus = theta, minus = theta
            plus[i] += h
            minus[i] -= h
            let numeric = (f(plus) - f(minus)) / (2 * h)
            worst = max(worst, abs(numeric - analytic[i]) / max(abs(numeric) + abs(analytic[i]), 1e-6))
        }
        return worst
    }

    /// Greedy picks are the highest scores; sampled picks are distinct and seeded.
    @Test func picksAreDistinctAndGreedyTakesTheTop() {
        var rng = RandomGenerator(seed: 3)
        let policy = SelectionPolicy(hidden: 4, candidates: 9, seed: 4)
        let x = Self.features(&rng, rows: 9)
        let s = policy.scores(x)
        let greedy = policy.pick(3, features: x, using: &rng, greedy: true).picks
        #expect(greedy == Array(s.indices.sorted { s[$0] > s[$1] }.prefix(3)))
        var a = RandomGenerator(seed: 5), b = RandomGenerator(seed: 5)
        let sampled = policy.pick(4, features: x, using: &a, greedy: false)
        #expect(Set(sampled.picks).count == 4 && sampled.picks == policy.pick(4, features: x, using: &b, greedy: false).picks)
        #expect(sampled.logProbability < 0)
    }

    /// Saved and loaded, a policy is the same; a bad file is named.
    @Test func savesAndLoads() throws {
        let policy = SelectionPolicy(hidden: 3, candidates: 20, seed: 6)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try policy.save(to: path)
        #expect(try SelectionPolicy.load(path: path) == policy)
        #expect(try StrategySpec(parsing: "policy:file=\(path)").name == "policy")
        try "{}".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ActiveLearningError.self) { try SelectionPolicy.load(path: path) }
        #expect(throws: ActiveLearningError.self) { try StrategySpec(parsing: "policy") }
    }

    /// A session is a value: a copy taken at the start is the start (the reset of an episode),
    /// and stepping it again gives the same rounds.
    @Test func resetRestoresThePoolExactly() throws {
        var o = try ActiveLearningOptions(data: "blobs:n=200,classes=3", model: "logreg", strategy: "margin")
        (o.initial, o.batch, o.rounds) = (5, 5, 4)
        let data = try o.data.load(seed: 0)
        let start = try ActiveLearningSession(data: data, options: o, run: 0)
        var a = start
        for _ in 0..<4 { a.step() }
        var b = start
        #expect(b.labelled == start.split.initial && b.unlabelled == start.split.unlabelled)
        for _ in 0..<4 { b.step() }
        #expect(a.curve.picked == b.curve.picked && a.curve.accuracy == b.curve.accuracy)
        #expect(a.labelled.count == 25 && start.labelled.count == 5)
    }

    /// Training runs, rewards are relative to random (finite, both signs possible), and a trained
    /// policy runs as a strategy.
    @Test func trainingProducesAUsablePolicy() throws {
        var o = try ActiveLearningOptions(data: "blobs:n=240,classes=3,spread=2", model: "logreg", strategy: "random")
        (o.initial, o.batch, o.rounds) = (6, 4, 3)
        let sets = [("blobs", try o.data.load(seed: 0)), ("moons", try DataSource(parsing: "moons:n=200").load(seed: 0))]
        let training = try PolicyTraining(datasets: sets.map { (name: $0.0, data: $0.1) }, options: o, episodes: 4, validationSize: 80,
                                          policy: SelectionPolicy(hidden: 4, candidates: 12, seed: 1))
        let (policy, episodes) = try training.train()
        #expect(episodes.map(\.dataset) == ["blobs", "moons", "blobs", "moons"])
        #expect(episodes.allSatisfy { $0.meanReward.isFinite && abs($0.meanReward) <= 1 })
        #expect(policy != training.policy, "the weights moved")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try policy.save(to: path)
        o.strategy = try StrategySpec(parsing: "policy:file=\(path)")
        let report = try ActiveLearningExperiment(options: o).run()
        #expect(report.labels == [6, 10, 14, 18])
    }
}
