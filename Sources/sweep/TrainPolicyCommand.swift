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
            sweep al --strategy policy:file=PATH on a dataset it was not trained on. \
            --head batch trains the N×K head (K = --batch score columns per candidate, slot j \
            picks by column j) instead of K picks from one score. --replay N keeps the last N \
            rounds and adds --replay-batch of them to every update (importance-weighted, \
            truncated at 1). --standard-candidates draws each round's candidates from a standard \
            seeded set, the same after every reset, instead of fresh random ones.
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
    @Option(help: "How scores become a batch: sequential (one score, K picks) or batch (N×K scores).") var head = "sequential"
    @Option(parsing: .unconditional, help: "Past rounds kept for experience replay (0: no replay).") var replay = 0
    @Option(name: .customLong("replay-batch"), parsing: .unconditional, help: "Past rounds replayed in each update.") var replayBatch = 16
    @Flag(name: .customLong("standard-candidates"), help: "Draw each round's candidates from a fixed seeded set, the same every episode.")
    var standardCandidates = false
    @Option(name: .customLong("learning-rate"), parsing: .unconditional, help: "Adam's step size.") var learningRate = 0.01
    @Option(parsing: .unconditional, help: "The seed every draw derives from.") var seed: UInt64 = 0
    @Flag(help: "Print one JSON object instead of text.") var json = false

    struct Result: Encodable {
        var out: String
        var head: String
        var replay: Int
        var episodes: [PolicyTraining.Episode]
        var seconds: Double
    }

    func run() throws {
        guard !data.isEmpty else { throw ValidationError("give at least one --data") }
        guard candidates >= batch, hidden >= 1 else {
            throw ValidationError("--candidates must be at least --batch and --hidden at least 1, got \(candidates), \(batch), \(hidden)")
        }
        guard PolicyHead(rawValue: head) != nil else {
            throw ValidationError("--head expects \(PolicyHead.allCases.map(\.rawValue).joined(separator: " or ")), got '\(head)'")
        }
        guard replay >= 0, replayBatch >= 1 else {
            throw ValidationError("--replay must be 0 (off) or a number of rounds to keep and --replay-batch at least 1, got \(replay), \(replayBatch)")
        }
        let start = Date()
        let trained: (policy: SelectionPolicy, episodes: [PolicyTraining.Episode])
        do {
            var options = try ActiveLearningOptions(data: data[0], model: model, strategy: "random")
            (options.testFraction, options.initial, options.batch, options.rounds, options.seed) = (testFraction, initial, batch, rounds, seed)
            let sets = try data.map { text throws(ActiveLearningError) in (name: text, data: try DataSource(parsing: text).load(seed: seed)) }
            let policy = SelectionPolicy(hidden: hidden, candidates: candidates, head: try PolicyHead(parsing: head), slots: batch, seed: seed)
            let training = try PolicyTraining(
                datasets: sets, options: options, episodes: episodes, learningRate: learningRate,
                policy: policy, replay: replay, replayBatch: replayBatch, standardCandidates: standardCandidates)
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
            try Output.json(Result(out: out, head: head, replay: replay, episodes: trained.episodes, seconds: seconds))
        } else {
            let rewards = trained.episodes.map(\.meanReward)
            Output.line("saved \(out): \(episodes) episodes in \(formatNumber(seconds, significantDigits: 3)) s; reward over random \(Sparkline.render(rewards))")
        }
    }
}
