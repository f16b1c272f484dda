import SweepML

/// What a strategy sees when it picks the next points: every row, which are labelled, which are
/// not, the classifier fitted to the labelled ones and its probabilities on the unlabelled ones.
public struct SelectionContext: Sendable {
    /// Every row of the dataset (the test rows too, which no strategy may pick).
    public var data: LabelledDataset
    /// Labelled rows (dataset indices).
    public var labelled: [Int]
    /// Rows that may be picked (dataset indices).
    public var unlabelled: [Int]
    /// The classifier, fitted to `labelled`.
    public var model: any Classifier
    /// `model`'s probabilities for `unlabelled`, in that order (rows × classes).
    public var probabilities: Matrix
    /// Pool rows whose labels the oracle may look at to judge a choice (never test rows).
    public var validation: [Int]
    /// The number of labels the run ends with (the learned policy's sense of progress).
    public var budget: Int

    public init(data: LabelledDataset, labelled: [Int], unlabelled: [Int], model: any Classifier, validation: [Int], budget: Int? = nil) {
        self.budget = budget ?? labelled.count
        self.data = data
        self.labelled = labelled
        self.unlabelled = unlabelled
        self.model = model
        self.validation = validation
        probabilities = model.probabilities(data.subset(unlabelled).features)
    }
}

/// A way to pick the next `count` points to label.
public protocol SelectionStrategy: Sendable {
    /// `count` distinct rows of `context.unlabelled` (dataset indices), best first.
    func select(_ count: Int, in context: SelectionContext, using rng: inout RandomGenerator) -> [Int]
    /// The strategy ready for one pool (for work done once per run, such as densities).
    func prepared(data: LabelledDataset, pool: [Int]) -> any SelectionStrategy
}

extension SelectionStrategy {
    public func prepared(data: LabelledDataset, pool: [Int]) -> any SelectionStrategy { self }
}

/// The positions of the `count` largest scores, largest first (ties: the earlier position).
func topPositions(_ scores: [Double], _ count: Int) -> [Int] {
    Array(scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }.prefix(count))
}
