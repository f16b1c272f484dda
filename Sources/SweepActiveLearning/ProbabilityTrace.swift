import SweepML

/// The class probabilities of one traced test point after the initial fit and after every round.
///
/// Traced points are test rows, so no strategy ever labels them: a trace shows how the
/// classifier's belief about a point it never sees labelled moves as labels come.
public struct ProbabilityTrace: Sendable, Hashable, Codable {
    /// The run (its stream of the seed) whose test set holds the row.
    public var run: Int
    /// The row (dataset index).
    public var row: Int
    /// The row's true class (an index into the dataset's class names).
    public var label: Int
    /// The name of the true class.
    public var className: String
    /// Per round (the initial fit first), the probability of each class; each sums to 1.
    public var probabilities: [[Double]]

    public init(run: Int, row: Int, label: Int, className: String, probabilities: [[Double]] = []) {
        self.run = run
        self.row = row
        self.label = label
        self.className = className
        self.probabilities = probabilities
    }

    enum CodingKeys: String, CodingKey {
        case run, row, label, probabilities
        case className = "class"
    }

    /// The probability of the true class after each round.
    public var trueClass: [Double] { probabilities.map { $0[label] } }

    /// The `count` test rows a run traces: stratified, one class after another (class 0's first
    /// row, class 1's first, ..., then each class's second), each class's rows in a seeded
    /// order. The choice does not look at the model or the strategy, so one seed traces the same
    /// rows whatever is compared on them, and every class is shown before any is shown twice.
    /// The order comes from its own generator (`seed` with a fixed offset, stream `run`), so
    /// tracing changes no pick and no split.
    /// - Throws: `invalidOptions` when `count` is negative or more than the test rows.
    public static func rows(count: Int, test: [Int], labels: [Int], classCount: Int, seed: UInt64, run: Int) throws(ActiveLearningError) -> [Int] {
        guard count >= 0 else { throw .invalidOptions("trace must be at least 0 (test points to trace), got \(count)") }
        guard count <= test.count else {
            throw .invalidOptions("trace \(count) is more than the \(test.count) test points; trace fewer points or use a larger test fraction")
        }
        guard count > 0 else { return [] }
        var rng = RandomGenerator(seed: seed &+ streamOffset, stream: UInt64(run))
        var byClass = [[Int]](repeating: [], count: classCount)
        for row in test { byClass[labels[row]].append(row) }
        for c in byClass.indices { PoolSplit.shuffle(&byClass[c], using: &rng) }
        var chosen: [Int] = []
        var depth = 0
        while chosen.count < count {
            for rows in byClass where depth < rows.count && chosen.count < count { chosen.append(rows[depth]) }
            depth += 1
        }
        return chosen
    }

    /// Added to the seed so that the traced rows' order is not any run's stream.
    static let streamOffset: UInt64 = 0x7472_6163_6500_0000
}
