import Foundation
import SweepML

/// Trains a `SelectionPolicy` by REINFORCE with a baseline.
///
/// An episode is one run on one training dataset (they take turns), reset each time to the same
/// split and initial labels (run 0 of the seed), so episodes differ only by the policy's and the
/// candidates' draws. Each round draws `policy.candidates` pool rows; the policy samples a batch
/// from them; the reward is the validation accuracy after labelling that batch minus the
/// accuracy after labelling an equally large random batch of the same candidates from the same
/// state (so it is zero-centred: 0 is "as good as random"), divided by a running standard
/// deviation. The update is Adam ascent on Σ (reward - running mean) · ∇ log π(batch). The
/// validation rows are pool rows whose labels the trainer sees; test rows are never used.
///
/// With `standardCandidates`, each round's candidates are instead a standard set: the first
/// `policy.candidates` still-unlabelled rows of a seeded ordering of the start's pool fixed per
/// dataset and round, so every reset sees the same ~50 candidates.
///
/// With `replay` > 0 (experience replay), each round played is kept in a `ReplayBuffer` of
/// `replay` transitions, and every update adds a minibatch of
/// `replayBatch` past rounds to the fresh episode's. A round's reward is immediate (the gain of
/// that round's batch from that state), so a stored round is a contextual-bandit sample and
/// reweighting its picks' probability is the whole off-policy correction: a replayed round
/// contributes w · advantage · ∇ log π(picks) with w = min(1, π_now(picks) / π_behaviour(picks)),
/// the truncated importance weight of V-trace and Retrace (truncating at 1 bounds the variance a
/// product of K pick ratios would otherwise bring, at the price of a bias towards the behaviour
/// policy; stale rounds the current policy would no longer play fade out). Advantages stay those
/// computed when the round was played.
public struct PolicyTraining: Sendable {
    /// The training datasets with their names.
    public var datasets: [(name: String, data: LabelledDataset)]
    /// Model, protocol (initial, batch, rounds, test fraction) and seed of every episode.
    public var options: ActiveLearningOptions
    public var episodes: Int
    public var learningRate: Double
    /// Pool rows that judge a batch.
    public var validationSize: Int
    public var policy: SelectionPolicy
    /// Rounds the replay buffer keeps; 0 turns replay off (fresh random candidates each round).
    public var replay: Int
    /// Past rounds replayed in each update.
    public var replayBatch: Int
    /// Whether each round draws from the standard candidate set of its dataset and round
    /// instead of fresh random candidates.
    public var standardCandidates: Bool
    /// The truncation of the importance weight of a replayed round.
    public static let importanceClip = 1.0

    public init(datasets: [(name: String, data: LabelledDataset)], options: ActiveLearningOptions, episodes: Int,
                learningRate: Double = 0.01, validationSize: Int = 300, policy: SelectionPolicy,
                replay: Int = 0, replayBatch: Int = 16, standardCandidates: Bool = false) throws(ActiveLearningError) {
        guard !datasets.isEmpty else { throw .invalidOptions("training a policy needs at least one dataset") }
        guard episodes >= 1 else { throw .invalidOptions("episodes must be at least 1, got \(episodes)") }
        guard learningRate > 0 else { throw .invalidOptions("learning rate must be positive, got \(learningRate)") }
        guard replay >= 0 else { throw .invalidOptions("replay must be 0 (off) or a number of rounds to keep, got \(replay)") }
        guard replayBatch >= 1 else { throw .invalidOptions("replay batch must be at least 1, got \(replayBatch)") }
        self.datasets = datasets
        self.options = options
        self.episodes = episodes
        self.learningRate = learningRate
        self.validationSize = validationSize
        self.policy = policy
        self.replay = replay
        self.replayBatch = replayBatch
        self.standardCandidates = standardCandidates
    }

    /// One episode's outcome: the dataset and the mean raw reward (accuracy over random's).
    public struct Episode: Sendable, Codable, Hashable {
        public var dataset: String
        public var meanReward: Double

        enum CodingKeys: String, CodingKey {
            case dataset
            case meanReward = "mean_reward"
        }
    }

    /// Runs every episode; `progress` sees each one as it ends.
    public func train(progress: (Int, Episode) -> Void = { _, _ in }) throws(ActiveLearningError) -> (policy: SelectionPolicy, episodes: [Episode]) {
        let starts = try datasets.map { entry throws(ActiveLearningError) in
            try ActiveLearningSession(data: entry.data, options: options, run: 0, validationSize: validationSize)
        }
        var policy = self.policy
        var optimizer = Adam(learningRate: learningRate)
        var rng = RandomGenerator(seed: options.seed, stream: 0x7472_6169_6e)
        var (mean, variance, seen) = (0.0, 1e-4, 0.0)
        var history: [Episode] = []
        let standard = standardCandidates ? starts.enumerated().map { Self.standardOrders($1, rounds: options.rounds, seed: options.seed, dataset: $0) } : []
        var buffer = ReplayBuffer(capacity: max(1, replay))
        var replayRNG = RandomGenerator(seed: options.seed, stream: 0x7265_706c_6179)
        for e in 0..<episodes {
            let d = e % starts.count
            var session = starts[d]  // the reset: a copy of the same start
            let density = DensityWeightedSampling.densities(session.data.features, pool: session.split.initial + session.split.unlabelled)
            let validation = session.data.subset(session.validationRows)
            var gradient = [Double](repeating: 0, count: policy.network.parameters.count)
            var rewards: [Double] = []
            var played: [ReplayBuffer.Transition] = []
            for round in 0..<options.rounds where session.canStep {
                let context = session.context
                let candidates = standardCandidates
                    ? Self.standardCandidates(standard[d][round], count: policy.candidates, unlabelled: context.unlabelled)
                    : RandomSampling().select(policy.candidates, in: context, using: &rng)
                let features = CandidateFeatures.rows(candidates, in: context, density: density, budget: context.budget)
                let k = min(options.batch, candidates.count)
                let (picks, behaviour) = policy.pick(k, features: features, using: &rng, greedy: false)
                var shuffled = Array(candidates.indices)
                for i in 0..<k { shuffled.swapAt(i, i + rng.nextInt(below: shuffled.count - i)) }
                let chosen = picks.map { candidates[$0] }
                let gain = Self.accuracy(context, adding: chosen, on: validation) - Self.accuracy(context, adding: shuffled.prefix(k).map { candidates[$0] }, on: validation)
                rewards.append(gain)
                seen += 1
                let delta = gain - mean
                mean += delta / seen
                variance += (delta * (gain - mean) - variance) / seen
                let advantage = (gain - mean) / max(variance.squareRoot(), 1e-3)
                Vector.addScaled(policy.logProbabilityGradient(picks, features: features), advantage, to: &gradient)
                played.append(.init(features: features, picks: picks, advantage: advantage, behaviourLogProbability: behaviour))
                session.label(chosen)
            }
            var terms = rewards.count
            if replay > 0 {
                for past in buffer.sample(replayBatch, using: &replayRNG) {
                    let (now, g) = policy.logProbabilityAndGradient(past.picks, features: past.features)
                    let weight = min(Self.importanceClip, exp(now - past.behaviourLogProbability))
                    Vector.addScaled(g, weight * past.advantage, to: &gradient)
                    terms += 1
                }
                played.forEach { buffer.append($0) }
            }
            // Ascent: the optimiser descends, so hand it the negated mean gradient.
            let scale = -1 / Double(max(1, terms))
            optimizer.step(&policy.network.parameters, gradient: gradient.map { $0 * scale }, clippingNorm: 5)
            let episode = Episode(dataset: datasets[d].name, meanReward: rewards.reduce(0, +) / Double(max(1, rewards.count)))
            history.append(episode)
            progress(e, episode)
        }
        return (policy, history)
    }

    /// Validation accuracy after labelling `rows` on top of `context`'s labels (a refit of a copy).
    static func accuracy(_ context: SelectionContext, adding rows: [Int], on validation: LabelledDataset) -> Double {
        var model = context.model
        let training = context.data.subset(context.labelled + rows)
        model.fit(training.features, labels: training.labels)
        return model.score(validation.features, labels: validation.labels).accuracy
    }

    /// For each round, a seeded ordering of `start`'s unlabelled pool (the standard candidates).
    static func standardOrders(_ start: ActiveLearningSession, rounds: Int, seed: UInt64, dataset: Int) -> [[Int]] {
        var rng = RandomGenerator(seed: seed, stream: 0x7374_616e_6400 &+ UInt64(dataset))
        return (0..<rounds).map { _ in
            var order = start.unlabelled
            PoolSplit.shuffle(&order, using: &rng)
            return order
        }
    }

    /// The first `count` rows of `order` still in `unlabelled`: the round's standard candidates.
    static func standardCandidates(_ order: [Int], count: Int, unlabelled: [Int]) -> [Int] {
        let open = Set(unlabelled)
        return Array(order.lazy.filter { open.contains($0) }.prefix(count))
    }
}
