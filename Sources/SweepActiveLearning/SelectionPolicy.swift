import Foundation
import SweepML

/// A learned selection policy: a small MLP scores each candidate from its `CandidateFeatures`;
/// the scores' softmax over a candidate set is the probability of picking each. A batch of K is
/// K picks without replacement (each from the softmax over the candidates left), so a batch's
/// log-probability is the sum of K log-softmax terms. With the `sequential` head every pick uses
/// the network's one score; with the `batch` (N×K) head the network emits `slots` scores per
/// candidate and pick j uses column j mod `slots`.
///
/// Saved as JSON (`save(to:)`, `load(path:)`) and used by `PolicySelection` (`policy:file=P`).
/// File format version 2 adds `head`; a version 1 file (no `head`) loads as `sequential`.
public struct SelectionPolicy: Sendable, Codable, Equatable {
    /// The format version `save(to:)` writes; files of versions 1 through this one load.
    public static let currentVersion = 2
    /// Format version of the saved file (a loaded older file is upgraded to `currentVersion`).
    public var version = SelectionPolicy.currentVersion
    /// How scores become picks.
    public var head: PolicyHead
    /// The scorer: `CandidateFeatures.count` inputs, one output per slot.
    public var network: MLP
    /// Candidates drawn from the pool each round.
    public var candidates: Int

    /// Score columns per candidate: 1 for the sequential head, K for the batch head.
    public var slots: Int { network.outputSize }

    /// A policy with small random weights (seeded); `slots` counts only for the batch head.
    public init(hidden: Int = 16, candidates: Int = 50, head: PolicyHead = .sequential, slots: Int = 1, seed: UInt64) {
        var rng = RandomGenerator(seed: seed, stream: 0x706f6c)
        let outputs = head == .batch ? max(1, slots) : 1
        network = MLP(inputSize: CandidateFeatures.count, hiddenSizes: [hidden], outputSize: outputs, activation: .tanh, using: &rng)
        self.head = head
        self.candidates = candidates
    }

    enum CodingKeys: String, CodingKey {
        case version, head, network, candidates
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(Int.self, forKey: .version)
        guard (1...Self.currentVersion).contains(version) else {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: container,
                debugDescription: "format version \(version) is not one this sweep reads (1 to \(Self.currentVersion))")
        }
        head = try container.decodeIfPresent(PolicyHead.self, forKey: .head) ?? .sequential
        network = try container.decode(MLP.self, forKey: .network)
        candidates = try container.decode(Int.self, forKey: .candidates)
    }

    /// The score of each feature row (the first column for the batch head).
    public func scores(_ features: Matrix) -> [Double] {
        (0..<features.rows).map { network.forward(features.row($0))[0] }
    }

    /// The score column pick number `slot` uses.
    func column(ofSlot slot: Int) -> Int { slot % slots }

    /// Picks `count` rows (positions into `features`): sampled from the softmax when `rng` is
    /// given, the highest scores otherwise. Returns the picks and the log-probability of the
    /// sampled sequence.
    public func pick(_ count: Int, features: Matrix, using rng: inout RandomGenerator, greedy: Bool) -> (picks: [Int], logProbability: Double) {
        let s = (0..<features.rows).map { network.forward(features.row($0)) }
        var open = Array(s.indices)
        var picks: [Int] = []
        var logProbability = 0.0
        while picks.count < min(count, s.count) {
            let c = column(ofSlot: picks.count)
            let logits = open.map { s[$0][c] }
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
        logProbabilityAndGradient(picks, features: features).gradient
    }

    /// The log-probability of picking `picks` in that order from `features`, and its gradient.
    public func logProbabilityAndGradient(_ picks: [Int], features: Matrix) -> (logProbability: Double, gradient: [Double]) {
        var traces: [MLP.Trace] = []
        var s: [[Double]] = []
        for i in 0..<features.rows {
            var trace = MLP.Trace()
            s.append(network.forward(features.row(i), trace: &trace))
            traces.append(trace)
        }
        // d/ds of Σ_t [s_{pick t, c_t} - logsumexp(s_{·, c_t} over open_t)], c_t = column(ofSlot: t)
        var ds = [[Double]](repeating: [Double](repeating: 0, count: slots), count: s.count)
        var open = Set(s.indices)
        var logProbability = 0.0
        for (t, pick) in picks.enumerated() {
            let c = column(ofSlot: t)
            let members = open.sorted()
            let logits = members.map { s[$0][c] }
            let p = Softmax.probabilities(logits)
            for (j, m) in members.enumerated() { ds[m][c] -= p[j] }
            ds[pick][c] += 1
            logProbability += s[pick][c] - Softmax.logSumExp(logits)
            open.remove(pick)
        }
        var gradient = [Double](repeating: 0, count: network.parameters.count)
        for i in s.indices where ds[i].contains(where: { $0 != 0 }) {
            network.accumulateGradient(trace: traces[i], outputGradient: ds[i], into: &gradient)
        }
        return (logProbability, gradient)
    }
}
