/// Labelled samples (for data routing and active learning): one feature row per sample and a class
/// index per sample.
public struct LabelledDataset: Sendable, Equatable {
    /// The features, one row per sample.
    public var features: Matrix
    /// The class of each sample, in `0..<classNames.count`.
    public var labels: [Int]
    /// The name of each class (its label text in a CSV file).
    public var classNames: [String]
    /// The name of each feature column.
    public var featureNames: [String]

    /// A dataset; every label must name a class.
    public init(features: Matrix, labels: [Int], classNames: [String], featureNames: [String]? = nil) {
        precondition(features.rows == labels.count, "LabelledDataset: \(features.rows) rows but \(labels.count) labels")
        precondition(labels.allSatisfy { classNames.indices.contains($0) }, "LabelledDataset: label out of range")
        self.features = features
        self.labels = labels
        self.classNames = classNames
        self.featureNames = featureNames ?? (0..<features.columns).map { "x\($0 + 1)" }
    }

    /// Number of samples.
    public var count: Int { labels.count }
    /// Number of classes.
    public var classCount: Int { classNames.count }
    /// Number of features.
    public var featureCount: Int { features.columns }

    /// The samples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> LabelledDataset {
        var values: [Double] = []
        values.reserveCapacity(indices.count * featureCount)
        for i in indices { values.append(contentsOf: features.row(i)) }
        return LabelledDataset(
            features: Matrix(rows: indices.count, columns: featureCount, values: values),
            labels: indices.map { labels[$0] }, classNames: classNames, featureNames: featureNames)
    }

    /// The same samples with every feature shifted and scaled to mean 0 and standard deviation 1
    /// (constant features become 0).
    public func standardized() -> LabelledDataset {
        var copy = self
        let (n, d) = (count, featureCount)
        guard n > 0 else { return copy }
        for j in 0..<d {
            var mean = 0.0
            for i in 0..<n { mean += features[i, j] }
            mean /= Double(n)
            var variance = 0.0
            for i in 0..<n { variance += (features[i, j] - mean) * (features[i, j] - mean) }
            let sd = (variance / Double(n)).squareRoot()
            for i in 0..<n { copy.features[i, j] = sd > 0 ? (features[i, j] - mean) / sd : 0 }
        }
        return copy
    }
}
