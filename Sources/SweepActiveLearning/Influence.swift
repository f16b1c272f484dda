/// The influence of single labelled points: refit without one point and measure the test set
/// again. A positive `lossChange` means the point helped (the loss rises without it).
public struct PointInfluence: Sendable, Hashable, Codable {
    /// The point (dataset index).
    public var row: Int
    /// The round that labelled it (0 for the initial labels).
    public var round: Int
    /// Test loss without the point minus test loss with every point.
    public var lossChange: Double
    /// Test accuracy with every point minus test accuracy without it.
    public var accuracyChange: Double

    enum CodingKeys: String, CodingKey {
        case row, round
        case lossChange = "loss_change"
        case accuracyChange = "accuracy_change"
    }
}

extension ActiveLearningSession {
    /// The influence of every labelled point on the final classifier: for each, a refit (warm
    /// from the final weights) on all labels but that one, scored on the test rows.
    public func influence() -> [PointInfluence] {
        let (accuracy, loss) = model.score(test.features, labels: test.labels)
        var round = [Int: Int]()
        for (r, rows) in curve.picked.enumerated() { for row in rows { round[row] = r } }
        return labelled.map { row in
            var without = model
            let training = data.subset(labelled.filter { $0 != row })
            without.fit(training.features, labels: training.labels)
            let (a, l) = without.score(test.features, labels: test.labels)
            return PointInfluence(row: row, round: round[row] ?? 0, lossChange: l - loss, accuracyChange: accuracy - a)
        }
    }
}
