/// Multinomial (softmax) logistic regression: `P(y = c | x) = softmax(W x + b)_c`, trained by SGD
/// on the cross-entropy.
///
/// `parameters` holds `W` (classes × features, row-major) followed by `b` (classes).
public struct SoftmaxRegression: Sendable, Codable, Equatable {
    /// Number of features d.
    public let featureCount: Int
    /// Number of classes C (at least 2).
    public let classCount: Int
    /// `W` then `b`, flat.
    public var parameters: [Double]
    /// L2 penalty on the weights (not the biases).
    public var l2: Double

    /// A model with zero weights (uniform probabilities).
    public init(featureCount: Int, classCount: Int, l2: Double = 0) {
        precondition(classCount >= 2, "SoftmaxRegression needs at least 2 classes")
        self.featureCount = featureCount
        self.classCount = classCount
        self.parameters = [Double](repeating: 0, count: classCount * featureCount + classCount)
        self.l2 = l2
    }

    /// The weight matrix W (a copy).
    public var weights: Matrix {
        Matrix(rows: classCount, columns: featureCount, values: Array(parameters[0..<(classCount * featureCount)]))
    }

    /// The logits `W x + b`.
    public func logits(_ x: [Double]) -> [Double] {
        precondition(x.count == featureCount, "SoftmaxRegression: expected \(featureCount) features, got \(x.count)")
        var z = Array(parameters[(classCount * featureCount)...])
        x.withBase { xp in logits(xp, into: &z) }
        return z
    }

    /// Writes the logits of the features at `x` into `z` (already holding the biases or not).
    @inline(__always)
    func logits(_ x: UnsafePointer<Double>, into z: inout [Double]) {
        let (c, d) = (classCount, featureCount)
        parameters.withBase { w in
            z.withMutableBase { zp in
                for k in 0..<c { zp[k] = w[c &* d &+ k] }
                LinearKernels.multiply(w, rows: c, columns: d, x, into: zp, accumulate: true)
            }
        }
    }

    /// The class probabilities.
    public func probabilities(_ x: [Double]) -> [Double] { Softmax.probabilities(logits(x)) }

    /// The most probable class.
    public func predict(_ x: [Double]) -> Int { Vector.argmax(logits(x)) }

    /// The cross-entropy of one example plus the L2 term, and its gradient in `parameters` layout.
    public func lossAndGradient(_ x: [Double], label: Int) -> (loss: Double, gradient: [Double]) {
        let (loss, dz) = Loss.softmaxCrossEntropy(logits: logits(x), label: label)
        var gradient = [Double](repeating: 0, count: parameters.count)
        let (c, d) = (classCount, featureCount)
        var penalty = 0.0
        for k in 0..<c {
            for i in 0..<d {
                let w = parameters[k * d + i]
                gradient[k * d + i] = dz[k] * x[i] + l2 * w
                penalty += 0.5 * l2 * w * w
            }
            gradient[c * d + k] = dz[k]
        }
        return (loss + penalty, gradient)
    }

    /// One in-place SGD step on one example; returns its loss before the step.
    @discardableResult
    public mutating func train(_ x: [Double], label: Int, learningRate: Double) -> Double {
        var (loss, dz) = Loss.softmaxCrossEntropy(logits: logits(x), label: label)
        let (c, d, lambda) = (classCount, featureCount, l2)
        for k in 0..<c { dz[k] *= -learningRate }
        parameters.withMutableBase { w in
            x.withBase { xp in
                dz.withBase { g in
                    if lambda != 0 {
                        let shrink = 1 - learningRate * lambda
                        for i in 0..<(c &* d) { w[i] *= shrink }
                    }
                    LinearKernels.addOuter(w, rows: c, columns: d, scale: 1, g, xp)
                    for k in 0..<c { w[c &* d &+ k] += g[k] }
                }
            }
        }
        return loss
    }

    /// The fraction of `rows` classified as `labels`.
    public func accuracy(_ rows: Matrix, labels: [Int]) -> Double {
        guard rows.rows > 0 else { return 0 }
        var correct = 0
        var z = [Double](repeating: 0, count: classCount)
        rows.values.withBase { base in
            for i in 0..<rows.rows {
                logits(base + i &* rows.columns, into: &z)
                if Vector.argmax(z) == labels[i] { correct += 1 }
            }
        }
        return Double(correct) / Double(rows.rows)
    }
}
