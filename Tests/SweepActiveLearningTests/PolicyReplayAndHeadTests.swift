import Foundation
import SweepML
import Testing
@testable import SweepActiveLearning

/// The N×K batch head, experience replay and the policy file's versions.
@Suite struct PolicyReplayAndHeadTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString).json").path
    }

    /// The N×K head's log-probability (slot t scores by column t mod K) and its gradient match
    /// an independent computation and central differences; 5 picks over 3 columns wrap around.
    @Test func batchHeadGradientMatchesFiniteDifferences() {
        var rng = RandomGenerator(seed: 11)
        let policy = SelectionPolicy(hidden: 5, candidates: 8, head: .batch, slots: 3, seed: 12)
        #expect(policy.slots == 3 && policy.network.outputSize == 3)
        let x = PolicyTests.features(&rng, rows: 8)
        let picks = [6, 1, 4, 0, 7]
        func logProbability(_ theta: [Double]) -> Double {
            var p = policy
            p.network.parameters = theta
            let s = (0..<x.rows).map { p.network.forward(x.row($0)) }
            var open = Array(s.indices)
            var total = 0.0
            for (t, pick) in picks.enumerated() {
                total += s[pick][t % 3] - Softmax.logSumExp(open.map { s[$0][t % 3] })
                open.removeAll { $0 == pick }
            }
            return total
        }
        let (value, analytic) = policy.logProbabilityAndGradient(picks, features: x)
        #expect(abs(value - logProbability(policy.network.parameters)) < 1e-12)
        #expect(PolicyTests.worstRelativeError(analytic, at: policy.network.parameters, of: logProbability) < 1e-5)
        #expect(analytic.contains { $0 != 0 })
    }

    /// Greedy, slot j takes the best remaining candidate by column j; sampled, the returned
    /// log-probability is the one the gradient's function computes.
    @Test func batchHeadPicksByItsColumns() {
        var rng = RandomGenerator(seed: 13)
        let policy = SelectionPolicy(hidden: 4, candidates: 9, head: .batch, slots: 2, seed: 14)
        let x = PolicyTests.features(&rng, rows: 9)
        let s = (0..<9).map { policy.network.forward(x.row($0)) }
        var open = Array(0..<9), expected: [Int] = []
        for t in 0..<4 {
            let best = open.max { s[$0][t % 2] < s[$1][t % 2] }!
            expected.append(best)
            open.removeAll { $0 == best }
        }
        #expect(policy.pick(4, features: x, using: &rng, greedy: true).picks == expected)
        let sampled = policy.pick(4, features: x, using: &rng, greedy: false)
        #expect(abs(sampled.logProbability - policy.logProbabilityAndGradient(sampled.picks, features: x).logProbability) < 1e-9)
    }

    /// The buffer keeps the newest `capacity` transitions, and a seed draws the same minibatch.
    @Test func replayBufferIsBoundedAndDeterministic() {
        var buffer = ReplayBuffer(capacity: 4)
        for i in 0..<7 {
            buffer.append(.init(features: Matrix(rows: 1, columns: 1, values: [Double(i)]), picks: [0], advantage: Double(i), behaviourLogProbability: 0))
        }
        #expect(buffer.count == 4)
        #expect(Set(buffer.transitions.map(\.advantage)) == [3, 4, 5, 6], "the three oldest were replaced")
        var a = RandomGenerator(seed: 5), b = RandomGenerator(seed: 5)
        let first = buffer.sample(3, using: &a)
        #expect(first == buffer.sample(3, using: &b))
        #expect(Set(first.map(\.advantage)).count == 3, "drawn without replacement")
        #expect(buffer.sample(10, using: &a).count == 4)
    }

    /// The standard candidates are the same after every reset and skip labelled rows.
    @Test func standardCandidatesAreFixedPerRound() throws {
        var o = try ActiveLearningOptions(data: "blobs:n=200,classes=3", model: "logreg", strategy: "random")
        (o.initial, o.batch, o.rounds) = (6, 4, 3)
        let start = try ActiveLearningSession(data: try o.data.load(seed: 0), options: o, run: 0)
        let orders = PolicyTraining.standardOrders(start, rounds: 3, seed: 0, dataset: 0)
        #expect(orders == PolicyTraining.standardOrders(start, rounds: 3, seed: 0, dataset: 0))
        #expect(orders[0] != orders[1] && Set(orders[0]) == Set(start.unlabelled))
        let fresh = PolicyTraining.standardCandidates(orders[0], count: 10, unlabelled: start.unlabelled)
        #expect(fresh == Array(orders[0].prefix(10)))
        let later = PolicyTraining.standardCandidates(orders[0], count: 10, unlabelled: start.unlabelled.filter { $0 != fresh[0] })
        #expect(later == Array(fresh.dropFirst()) + [orders[0][10]])
    }

    func training(replay: Int, head: PolicyHead, seed: UInt64 = 0, standard: Bool = true) throws -> PolicyTraining {
        var o = try ActiveLearningOptions(data: "blobs:n=240,classes=3,spread=2", model: "logreg", strategy: "random")
        (o.initial, o.batch, o.rounds, o.seed) = (6, 4, 3, seed)
        let sets = [(name: "blobs", data: try o.data.load(seed: 0)), (name: "moons", data: try DataSource(parsing: "moons:n=200").load(seed: 0))]
        return try PolicyTraining(datasets: sets, options: o, episodes: 4, validationSize: 80,
                                  policy: SelectionPolicy(hidden: 4, candidates: 12, head: head, slots: 4, seed: 1), replay: replay, replayBatch: 3, standardCandidates: standard)
    }

    /// With replay, standard candidates and the batch head, the same seed trains the same
    /// policy; replay and the candidate set change the result (they are used), and another seed
    /// gives another policy.
    @Test func sameSeedTrainsTheSamePolicy() throws {
        let a = try training(replay: 8, head: .batch).train()
        let b = try training(replay: 8, head: .batch).train()
        #expect(a.policy == b.policy && a.episodes == b.episodes)
        #expect(a.policy != (try training(replay: 0, head: .batch).train().policy))
        #expect(a.policy != (try training(replay: 8, head: .batch, standard: false).train().policy))
        #expect(a.policy != (try training(replay: 8, head: .batch, seed: 1).train().policy))
        #expect(a.episodes.allSatisfy { $0.meanReward.isFinite && abs($0.meanReward) <= 1 })
        let sequential = try training(replay: 8, head: .sequential).train().policy
        #expect(sequential.head == .sequential && sequential.slots == 1)
    }

    /// Bad training options are refused with what was expected.
    @Test func badOptionsAreRefused() throws {
        #expect(throws: ActiveLearningError.invalidOptions("replay must be 0 (off) or a number of rounds to keep, got -1")) {
            try training(replay: -1, head: .sequential)
        }
        var t = try training(replay: 4, head: .sequential)
        #expect(throws: ActiveLearningError.invalidOptions("replay batch must be at least 1, got 0")) {
            t = try PolicyTraining(datasets: t.datasets, options: t.options, episodes: 1, policy: t.policy, replay: 4, replayBatch: 0)
        }
        #expect(throws: ActiveLearningError.invalidOptions("head expects sequential or batch, got 'nxk'")) { try PolicyHead(parsing: "nxk") }
    }

    /// A version 1 file (written before heads existed: version, network, candidates) still loads,
    /// as a sequential policy that picks exactly as before; a batch policy round-trips with its
    /// head; an unknown version and a sequential file with several score columns are refused.
    @Test func versionOneFilesStillLoad() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let policy = SelectionPolicy(hidden: 3, candidates: 20, seed: 6)
        let network = String(decoding: try JSONEncoder().encode(policy.network), as: UTF8.self)
        try #"{"candidates":20,"network":\#(network),"version":1}"#.write(toFile: path, atomically: true, encoding: .utf8)
        let old = try SelectionPolicy.load(path: path)
        #expect(old.head == .sequential && old.version == SelectionPolicy.currentVersion && old == policy)
        var rng = RandomGenerator(seed: 7)
        let x = PolicyTests.features(&rng, rows: 20)
        var a = RandomGenerator(seed: 8), b = RandomGenerator(seed: 8)
        #expect(old.pick(5, features: x, using: &a, greedy: true).picks == policy.pick(5, features: x, using: &b, greedy: true).picks)
        #expect(old.pick(5, features: x, using: &a, greedy: false).picks == policy.pick(5, features: x, using: &b, greedy: false).picks)

        let batch = SelectionPolicy(hidden: 3, candidates: 20, head: .batch, slots: 5, seed: 6)
        try batch.save(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(#""head":"batch""#) && text.contains(#""version":2"#))
        #expect(try SelectionPolicy.load(path: path) == batch)
        #expect(try StrategySpec(parsing: "policy:file=\(path)").name == "policy")

        try text.replacingOccurrences(of: #""version":2"#, with: #""version":3"#).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ActiveLearningError.invalidOptions(
            "\(path): cannot read a selection policy: version: format version 3 is not one this sweep reads (1 to 2); expected a file `sweep al train-policy --out` wrote")) {
            try SelectionPolicy.load(path: path)
        }
        try text.replacingOccurrences(of: #""head":"batch""#, with: #""head":"sequential""#).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ActiveLearningError.self) { try SelectionPolicy.load(path: path) }
    }
}
