/// The result of running one configuration over several seeds: the median learning curve, its
/// band over the runs (`ActiveLearningReport+Band.swift`: the lowest and highest run each round)
/// and every run's own curve.
public struct ActiveLearningReport: Sendable, Hashable, Codable {
    /// The data source (a path or a pool's kind).
    public var data: String
    /// The model spec.
    public var model: String
    /// The strategy spec.
    public var strategy: String
    public var initial: Int
    public var batch: Int
    public var rounds: Int
    /// Base seed (as a string, like every seed that leaves Sweep).
    public var seed: String
    /// Labels after each round, starting with the initial ones.
    public var labels: [Int]
    /// Median test accuracy over the runs after each round.
    public var accuracy: [Double]
    /// Median test log-loss over the runs after each round.
    public var loss: [Double]
    /// The lowest test accuracy of any run after each round (the band's lower edge).
    public var accuracyLow: [Double]
    /// The highest test accuracy of any run after each round.
    public var accuracyHigh: [Double]
    /// The lowest test log-loss of any run after each round.
    public var lossLow: [Double]
    /// The highest test log-loss of any run after each round.
    public var lossHigh: [Double]
    /// Every run's curve (run r used stream r of the seed).
    public var runs: [LearningCurve]
    /// Every run's traced test points (`--trace`), run by run; empty when none were traced.
    public var traces: [ProbabilityTrace]
    /// Mean seconds a strategy took to pick one batch (the oracle's cost per round).
    public var selectionSecondsPerRound: Double
    /// Wall-clock seconds of the whole experiment.
    public var seconds: Double
    /// Of `seconds`, those spent reading or drawing the data (the rest is the runs' rounds).
    public var loadSeconds: Double

    enum CodingKeys: String, CodingKey {
        case data, model, strategy, initial, batch, rounds, seed, labels, accuracy, loss, runs, traces, seconds
        case selectionSecondsPerRound = "selection_seconds_per_round"
        case loadSeconds = "load_seconds"
        case accuracyLow = "accuracy_low", accuracyHigh = "accuracy_high", lossLow = "loss_low", lossHigh = "loss_high"
    }

    /// The median of each round over `curves`' values.
    static func medians(_ curves: [[Double]]) -> [Double] {
        guard let first = curves.first else { return [] }
        return first.indices.map { i in median(curves.map { $0[i] }) }
    }

    /// The median of `values` (the mean of the middle two for an even count; NaN when empty).
    public static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
