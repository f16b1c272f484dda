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

    public init(datasets: [(name: String, data: LabelledDataset)], options: ActiveLearningOptions, episodes: Int,
                learningRate: Double = 0.01, validationSize: Int = 300, policy: SelectionPolicy) throws(ActiveLearningError) {
        guard !datasets.isEmpty else { throw .invalidOptions("training a policy needs at least one dataset") }
        guard episodes >= 1 else { throw .invalidOptions("episodes must be at least 1, got \(episodes)") }
        guard learningRate > 0 else { throw .invalidOptions("learning rate must be positive, got \(learningRate)") }
        self.datasets = datasets
        self.options = options
        self.episodes = episodes
        self.learningRate = learningRate
        self.validationSize = validationSize
        self.policy = policy
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
        for e in 0..<episodes {
            let d = e % starts.count
            var session = starts[d]  // the reset: a copy of the same start
            let density = DensityWeightedSampling.densities(session.data.features, pool: session.split.initial + session.split.unlabelled)
            let validation = session.data.subset(session.validationRows)
            var gradient = [Double](repeating: 0, count: policy.network.parameters.count)
            var rewards: [Double] = []
            for _ in 0..<options.rounds where session.canStep {
                let context = session.context
                let candidates = RandomSampling().select(policy.candidates, in: context, using: &rng)
                let features = CandidateFeatures.rows(candidates, in: context, density: density, budget: context.budget)
                let k = min(options.batch, candidates.count)
                let (picks, _) = policy.pick(k, features: features, using: &rng, greedy: false)
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
                session.label(chosen)
            }
            // Ascent: the optimiser descends, so hand it the negated mean gradient.
            let scale = -1 / Double(max(1, rewards.count))
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
}
