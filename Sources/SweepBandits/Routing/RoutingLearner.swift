import SweepML

/// One arm of the router: a softmax-regression classifier that sees a subset of the features and
/// knows its own held-out accuracy, updated incrementally after every training sample.
struct RoutingLearner: Sendable {
    /// The feature columns this learner sees.
    let features: [Int]
    var model: SoftmaxRegression
    /// The held-out rows projected onto `features`.
    let heldOut: Matrix
    let heldOutLabels: [Int]
    /// Accuracy on the held-out rows.
    private(set) var accuracy: Double

    init(features: [Int], classCount: Int, heldOut: LabelledDataset) {
        self.features = features
        model = SoftmaxRegression(featureCount: features.count, classCount: classCount)
        var projected = Matrix(rows: heldOut.count, columns: features.count)
        for i in 0..<heldOut.count {
            for (j, f) in features.enumerated() { projected[i, j] = heldOut.features[i, f] }
        }
        self.heldOut = projected
        heldOutLabels = heldOut.labels
        accuracy = model.accuracy(projected, labels: heldOut.labels)
    }

    /// Trains on one sample (all features; the learner projects) and returns the change in its
    /// held-out accuracy: the routing reward.
    mutating func train(_ x: [Double], label: Int, learningRate: Double) -> Double {
        model.train(features.map { x[$0] }, label: label, learningRate: learningRate)
        let before = accuracy
        accuracy = model.accuracy(heldOut, labels: heldOutLabels)
        return accuracy - before
    }
}
