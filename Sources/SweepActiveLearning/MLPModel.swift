import SweepML

/// A small MLP classifier (softmax outputs), fitted full-batch by L-BFGS on the mean
/// cross-entropy plus `alpha / (2n) · ‖θ‖²` over all parameters (as scikit-learn's
/// `MLPClassifier(solver="lbfgs")` scales its penalty), warm-started between rounds.
public struct MLPModel: Classifier {
    /// The network (logits out).
    public var network: MLP
    /// The L2 strength.
    public var alpha: Double
    /// The solver (`maxIterations` bounds the work per round).
    public var solver: LBFGS

    /// A network `features → hidden → classes` with tanh units, initialised from `seed`.
    public init(featureCount: Int, classCount: Int, hidden: [Int], alpha: Double = 1e-4, solver: LBFGS = LBFGS(maxIterations: 200), seed: UInt64) {
        var rng = RandomGenerator(seed: seed, stream: 0x6d6c70)
        network = MLP(inputSize: featureCount, hiddenSizes: hidden, outputSize: classCount, activation: .tanh, using: &rng)
        self.alpha = alpha
        self.solver = solver
    }

    public mutating func fit(_ rows: Matrix, labels: [Int]) {
        let net = network
        let (n, alpha) = (Double(rows.rows), alpha)
        let result = solver.minimize(from: network.parameters) { theta in
            var model = net
            model.parameters = theta
            var gradient = [Double](repeating: 0, count: theta.count)
            var trace = MLP.Trace()
            var loss = 0.0
            for i in 0..<rows.rows {
                let (l, dz) = Loss.softmaxCrossEntropy(logits: model.forward(rows.row(i), trace: &trace), label: labels[i])
                loss += l
                model.accumulateGradient(trace: trace, outputGradient: dz, into: &gradient)
            }
            var penalty = 0.0
            for j in theta.indices {
                penalty += theta[j] * theta[j]
                gradient[j] = gradient[j] / n + alpha / n * theta[j]
            }
            return (loss / n + 0.5 * alpha / n * penalty, gradient)
        }
        if result.value.isFinite { network.parameters = result.x }
    }

    public func probabilities(_ rows: Matrix) -> Matrix {
        var out = Matrix(rows: rows.rows, columns: network.outputSize)
        for i in 0..<rows.rows { out.setRow(i, to: Softmax.probabilities(network.forward(rows.row(i)))) }
        return out
    }

    public func embedding(_ rows: Matrix) -> Matrix {
        let width = network.layerSizes[network.layerCount - 1]
        var out = Matrix(rows: rows.rows, columns: width)
        var trace = MLP.Trace()
        for i in 0..<rows.rows {
            _ = network.forward(rows.row(i), trace: &trace)
            out.setRow(i, to: trace.activations[network.layerCount - 1])
        }
        return out
    }
}
