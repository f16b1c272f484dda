/// Binary logistic regression `P(y = 1 | x) = σ(w·x + b)`, trained by SGD on the log loss.
///
/// `parameters` is `[w_0, …, w_{d-1}, b]`.
public struct LogisticRegression: Sendable, Codable, Equatable {
    /// Number of features d.
    public let featureCount: Int
    /// The weights followed by the bias.
    public var parameters: [Double]
    /// L2 penalty on the weights (not the bias).
    public var l2: Double

    /// A model with zero weights (so every probability starts at ½).
    public init(featureCount: Int, l2: Double = 0) {
        self.featureCount = featureCount
        self.parameters = [Double](repeating: 0, count: featureCount + 1)
        self.l2 = l2
    }

    /// The logit `w·x + b`.
    public func logit(_ x: [Double]) -> Double {
        precondition(x.count == featureCount, "LogisticRegression: expected \(featureCount) features, got \(x.count)")
        var z = parameters[featureCount]
        let d = featureCount
        parameters.withBase { w in x.withBase { xp in for i in 0..<d { z += w[i] * xp[i] } } }
        return z
    }

    /// `P(y = 1 | x)`.
    public func probability(_ x: [Double]) -> Double { Activation.logistic(logit(x)) }

    /// The predicted class, 0 or 1.
    public func predict(_ x: [Double]) -> Int { logit(x) > 0 ? 1 : 0 }

    /// The log loss of one example (`label` is 0 or 1) plus the L2 term, and its gradient.
    public func lossAndGradient(_ x: [Double], label: Int) -> (loss: Double, gradient: [Double]) {
        let (loss, dz) = Loss.binaryCrossEntropy(logit: logit(x), target: Double(label))
        var gradient = [Double](repeating: 0, count: featureCount + 1)
        var penalty = 0.0
        for i in 0..<featureCount {
            gradient[i] = dz * x[i] + l2 * parameters[i]
            penalty += 0.5 * l2 * parameters[i] * parameters[i]
        }
        gradient[featureCount] = dz
        return (loss + penalty, gradient)
    }

    /// One in-place SGD step on one example; returns its loss before the step.
    @discardableResult
    public mutating func train(_ x: [Double], label: Int, learningRate: Double) -> Double {
        let (loss, dz) = Loss.binaryCrossEntropy(logit: logit(x), target: Double(label))
        let (d, lambda) = (featureCount, l2)
        parameters.withMutableBase { w in
            x.withBase { xp in
                for i in 0..<d { w[i] -= learningRate * (dz * xp[i] + lambda * w[i]) }
                w[d] -= learningRate * dz
            }
        }
        return loss
    }

    /// The fraction of `rows` classified as `labels`.
    public func accuracy(_ rows: Matrix, labels: [Int]) -> Double {
        guard rows.rows > 0 else { return 0 }
        var correct = 0
        for i in 0..<rows.rows where predict(rows.row(i)) == labels[i] { correct += 1 }
        return Double(correct) / Double(rows.rows)
    }
}
