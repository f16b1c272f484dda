/// Test accuracy and log-loss against the number of labels: one point after the initial fit and
/// one after every round, with the rows each round picked and how long the picking took.
public struct LearningCurve: Sendable, Hashable, Codable {
    /// Labels after each round (the first is the initial labels).
    public var labels: [Int] = []
    /// Test accuracy after each round.
    public var accuracy: [Double] = []
    /// Test log-loss after each round.
    public var loss: [Double] = []
    /// The rows (dataset indices) each round picked; the first entry (the initial fit) is empty.
    public var picked: [[Int]] = []
    /// Seconds each round's selection took (the classifier's refit not included).
    public var selectionSeconds: [Double] = []
    /// The run's initially labelled rows (dataset indices), so that a peer can replay the split.
    public var initial: [Int] = []
    /// The run's test rows (dataset indices).
    public var test: [Int] = []
    /// The traced test points' class probabilities (reported once, as the report's `traces`,
    /// so not encoded here).
    public var traces: [ProbabilityTrace] = []

    public init() {}

    enum CodingKeys: String, CodingKey {
        case labels, accuracy, loss, picked, initial, test
        case selectionSeconds = "selection_seconds"
    }

    mutating func append(labels count: Int, accuracy a: Double, loss l: Double, picked p: [Int], selectionSeconds s: Double) {
        labels.append(count)
        accuracy.append(a)
        loss.append(l)
        picked.append(p)
        selectionSeconds.append(s)
    }
}
