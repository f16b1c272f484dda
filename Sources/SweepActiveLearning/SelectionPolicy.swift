import Foundation
import SweepML

/// A learned selection policy: a small MLP scores each candidate from its `CandidateFeatures`;
/// the scores' softmax over a candidate set is the probability of picking each. A batch of K is
/// K picks without replacement (each from the softmax over the candidates left), so a batch's
/// log-probability is the sum of K log-softmax terms.
///
/// Saved as JSON (`save(to:)`, `load(path:)`) and used by `PolicySelection` (`policy:file=P`).
public struct SelectionPolicy: Sendable, Codable, Equatable {
    /// Format version of the saved file.
    public var version = 1
    /// The scorer: `CandidateFeatures.count` inputs, one output.
    public var network: MLP
    /// Candidates drawn from the pool each round.
    public var candidates: Int

    /// A policy with small random weights (seeded).
    public init(hidden: Int = 16, candidates: Int = 50, seed: UInt64) {
        var rng = RandomGenerator(seed: seed, stream: 0x706f6c)
        network = MLP(inputSize: CandidateFeatures.count, hiddenSizes: [hidden], outputSize: 1, activation: .tanh, using: &rng)
        self.candidates = candidates
    }

    /// The score of each feature row.
    public func scores(_ features: Matrix) -> [Double] {
        (0..<features.rows).map { network.forward(features.row($0))[0] }
    }

    /// Picks `count` rows (positions into `features`): sampled from the softmax when `rng` is
    /// given, the highest scores otherwise. Returns the picks and the log-probability of the
    /// sampled sequence.
    public func pick(_ count: Int, features: Matrix, using rng: inout RandomGenerator, greedy: Bool) -> (picks: [Int], logProbability: Double) {
        let s = scores(features)
        var open = Array(s.indices)
        var picks: [Int] = []
        var logProbability = 0.0
        while picks.count < min(count, s.count) {
            let logits = open.map { s[$0] }
            let p = Softmax.probabilities(logits)
            var k = Vector.argmax(logits)
            if !greedy {
                var u = rng.nextUnit()
                k = p.count - 1
                for (i, pi) in p.enumerated() {
                    u -= pi
                    if u < 0 {
                        k = i
                        break
                    }
                }
            }
            logProbability += log(max(p[k], 1e-300))
            picks.append(open[k])
            open.remove(at: k)
        }
        return (picks, logProbability)
    }

    /// The gradient (in `network.parameters` layout) of the log-probability of picking `picks`
    /// in that order from `features`.
    public func logProbabilityGradient(_ picks: [Int], features: Matrix) -> [Double] {
        var traces: [MLP.Trace] = []
        var s: [Double] = []
        for i in 0..<features.rows {
            var trace = MLP.Trace()
            s.append(network.forward(features.row(i), trace: &trace)[0])
            traces.append(trace)
        }
        // d/ds of Σ_t [s_{pick t} - logsumexp(s over open_t)]
        var ds = [Double](repeating: 0, count: s.count)
        var open = Set(s.indices)
        for pick in picks {
            let members = open.sorted()
            let p = Softmax.probabilities(members.map { s[$0] })
            for (j, m) in members.enumerated() { ds[m] -= p[j] }
            ds[pick] += 1
            open.remove(pick)
        }
        var gradient = [Double](repeating: 0, count: network.parameters.count)
        for i in s.indices where ds[i] != 0 {
            network.accumulateGradient(trace: traces[i], outputGradient: [ds[i]], into: &gradient)
        }
        return gradient
    }

    /// Writes the policy as JSON.
    public func save(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path))
    }

    /// Reads a policy `save(to:)` wrote.
    public static func load(path: String) throws(ActiveLearningError) -> SelectionPolicy {
        let policy: SelectionPolicy
        do {
            policy = try JSONDecoder().decode(SelectionPolicy.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .invalidOptions("\(path): cannot read a selection policy: \(error); expected a file `sweep al train-policy --out` wrote")
        }
        guard policy.network.inputSize == CandidateFeatures.count, policy.network.outputSize == 1 else {
            throw .invalidOptions("\(path): the policy takes \(policy.network.inputSize) features; expected \(CandidateFeatures.count)")
        }
        return policy
    }
}
