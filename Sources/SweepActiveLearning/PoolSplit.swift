import SweepML

/// A seeded split of a dataset's rows into a stratified test set and a pool, and of the pool
/// into the initially labelled rows and the unlabelled rest.
///
/// Each class keeps `round(testFraction · its size)` rows for the test set (so the test set has
/// the classes' shares); the initial labels are `initial` pool rows drawn uniformly. Every draw
/// comes from the generator handed in, so one seed gives one split.
public struct PoolSplit: Sendable, Hashable {
    /// Test rows (dataset indices), never labelled or selected.
    public var test: [Int]
    /// The rows labelled at the start.
    public var initial: [Int]
    /// The rows left to select from, in dataset order.
    public var unlabelled: [Int]

    /// Splits the rows of `labels` (`classCount` classes).
    /// - Throws: `invalidOptions` when the fraction is outside (0, 1), a part would be empty, or
    ///   `initial` is more than the pool holds.
    public init(labels: [Int], classCount: Int, testFraction: Double, initial: Int, using rng: inout RandomGenerator) throws(ActiveLearningError) {
        guard testFraction > 0, testFraction < 1 else {
            throw .invalidOptions("test fraction must be between 0 and 1 (exclusive), got \(testFraction)")
        }
        guard initial >= 1 else { throw .invalidOptions("initial labels must be at least 1, got \(initial)") }
        var byClass = [[Int]](repeating: [], count: classCount)
        for (i, c) in labels.enumerated() { byClass[c].append(i) }
        var test: [Int] = []
        var pool: [Int] = []
        for var rows in byClass where !rows.isEmpty {
            Self.shuffle(&rows, using: &rng)
            let k = Int((testFraction * Double(rows.count)).rounded())
            test += rows[..<k]
            pool += rows[k...]
        }
        guard !test.isEmpty else { throw .invalidOptions("test fraction \(testFraction) of \(labels.count) rows leaves an empty test set; use a larger fraction") }
        guard initial <= pool.count else {
            throw .invalidOptions("initial labels \(initial) are more than the pool's \(pool.count) points (\(labels.count) rows less the test set); use fewer initial labels or a smaller test fraction")
        }
        pool.sort()
        var order = pool
        Self.shuffle(&order, using: &rng)
        let chosen = Set(order[..<initial])
        self.test = test.sorted()
        self.initial = order[..<initial].sorted()
        self.unlabelled = pool.filter { !chosen.contains($0) }
    }

    /// Fisher-Yates shuffle.
    static func shuffle(_ a: inout [Int], using rng: inout RandomGenerator) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, rng.nextInt(below: i + 1)) }
    }
}
