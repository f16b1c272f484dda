import ArgumentParser
import Foundation
import SweepActiveLearning
import SweepCore
import SweepCurves

struct TrainPolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-policy",
        abstract: "Train a selection policy by REINFORCE on some datasets and save it.",
        discussion: """
            Each episode runs one training dataset (they take turns) from the same start: the \
            policy picks each batch from a seeded candidate set, and its reward is the validation \
            accuracy it gains over a random batch of the same candidates. Use the saved policy with \
            sweep al --strategy policy:file=PATH on a dataset it was not trained on.
            """)

    @Option(help: "A training dataset: a CSV file or a pool spec (repeat for several).") var data: [String]
    @Option(help: "The classifier.") var model = "logreg"
    @Option(help: "Where to save the policy (JSON).") var out: String
    @Option(parsing: .unconditional, help: "Episodes.") var episodes = 40
    @Option(name: .customLong("test-fraction"), parsing: .unconditional, help: "Share of each class held out.") var testFraction = 1.0 / 3
    @Option(parsing: .unconditional, help: "Labels at the start of an episode.") var initial = 10
    @Option(parsing: .unconditional, help: "Points labelled each round.") var batch = 10
    @Option(parsing: .unconditional, help: "Rounds per episode.") var rounds = 10
    @Option(parsing: .unconditional, help: "Candidates drawn each round.") var candidates = 50
    @Option(parsing: .unconditional, help: "Hidden units of the policy's scorer.") var hidden = 16
    @Option(name: .customLong("learning-rate"), parsing: .unconditional, help: "Adam's step size.") var learningRate = 0.01
    @Option(parsing: .unconditional, help: "The seed every draw derives from.") var seed: UInt64 = 0
    @Flag(help: "Print one JSON object instead of text.") var json = false

    struct Result: Encodable {
        var out: String
        var episodes: [PolicyTraining.Episode]
        var seconds: Double
    }

    func run() throws {
        guard !data.isEmpty else { throw ValidationError("give at least one --data") }
        guard candidates >= batch, hidden >= 1 else {
            throw ValidationError("--candidates must be at least --batch and --hidden at least 1, got \(candidates), \(batch), \(hidden)")
        }
        let start = Date()
        let trained: (policy: SelectionPolicy, episodes: [PolicyTraining.Episode])
        do {
            var options = try ActiveLearningOptions(data: data[0], model: model, strategy: "random")
            (options.testFraction, options.initial, options.batch, options.rounds, options.seed) = (testFraction, initial, batch, rounds, seed)
            let sets = try data.map { text throws(ActiveLearningError) in (name: text, data: try DataSource(parsing: text).load(seed: seed)) }
            let training = try PolicyTraining(
                datasets: sets, options: options, episodes: episodes, learningRate: learningRate,
                policy: SelectionPolicy(hidden: hidden, candidates: candidates, seed: seed))
            trained = try training.train { e, episode in
                if !json { Output.notice("episode \(e + 1) on \(episode.dataset): reward \(formatNumber(episode.meanReward, significantDigits: 3))") }
            }
        } catch {
            throw SweepError.invalidArgument(error.description)
        }
        do {
            try trained.policy.save(to: out)
        } catch {
            throw SweepError.invalidArgument("cannot write the policy to \(out): \(error.localizedDescription)")
        }
        let seconds = Date().timeIntervalSince(start)
        if json {
            try Output.json(Result(out: out, episodes: trained.episodes, seconds: seconds))
        } else {
            let rewards = trained.episodes.map(\.meanReward)
            Output.line("saved \(out): \(episodes) episodes in \(formatNumber(seconds, significantDigits: 3)) s; reward over random \(Sparkline.render(rewards))")
        }
    }
}
