import SweepML

/// Which reward estimator routes the samples.
public enum RoutingEstimatorKind: String, Sendable, Codable, CaseIterable {
    /// Uniformly random routing: the baseline.
    case random
    /// Per-learner empirical mean reward (ignores the sample).
    case empirical
    /// `NeuralEstimator` over the sample's context.
    case neural
    /// `RecurrentEstimator` over the routing history and the sample's context.
    case recurrent
}

/// Everything a routing run needs. The defaults give the synthetic problem with 4 learners and a
/// 2,000-sample stream routed by the neural estimator with epsilon-greedy selection.
public struct RoutingOptions: Sendable, Equatable {
    /// Where the samples come from.
    public enum Source: Sendable, Equatable {
        /// `SyntheticRoutingData`, drawn from the run's seed.
        case synthetic(SyntheticRoutingData)
        /// A CSV file (see `CSVDataset`); `labelColumn` is 1-based (nil for the last), `header`
        /// nil to detect it.
        case csv(path: String, labelColumn: Int? = nil, header: Bool? = nil)
    }

    /// The data.
    public var source: Source = .synthetic(SyntheticRoutingData())
    /// The reward estimator.
    public var estimator: RoutingEstimatorKind = .neural
    /// The selection rule on top of it.
    public var selection: SelectionRule = .epsilonGreedy(epsilon: 0.1)
    /// What each learner is scored on.
    public enum Scoring: String, Sendable, Codable, CaseIterable {
        /// Every learner on the whole held-out set.
        case shared
        /// Specialists: learner k is scored on the held-out samples of its own classes, those c
        /// with `c mod K` equal to k or k + 1 (mod K). Training on other classes hurts it, so a good
        /// router learns to send each class to the learners it belongs to.
        case specialists
    }

    /// What each learner's held-out accuracy is measured on.
    public var scoring: Scoring = .specialists
    /// Number of learners K (the arms).
    public var learners = 4
    /// Length of the routed stream (for a CSV file at most the rows left after the held-out set).
    public var samples = 2_000
    /// Size of the held-out set every learner is scored on.
    public var heldOut = 400
    /// The learners' SGD step size.
    public var learnerLearningRate = 0.05
    /// Features per learner, drawn at random per learner (nil: every learner sees all features).
    public var featuresPerLearner: Int?
    /// Neural/recurrent estimator hidden size.
    public var hidden = 16
    /// Neural/recurrent estimator learning rate (Adam).
    public var estimatorLearningRate = 0.01
    /// Recurrent estimator BPTT window.
    public var window = 16
    /// Steps per point of the reward curve.
    public var curveWindow = 100
    /// The seed every random choice flows from.
    public var seed: UInt64 = 0

    /// The defaults.
    public init() {}
}
