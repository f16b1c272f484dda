/// Losses and their gradients with respect to a model's outputs, ready to hand to a backward pass.
public enum Loss {
    /// Half the squared error `½ Σ (y_i - t_i)²` and its gradient `y - t`.
    public static func meanSquared(output: [Double], target: [Double]) -> (loss: Double, gradient: [Double]) {
        precondition(output.count == target.count, "meanSquared: output and target differ in length")
        var loss = 0.0
        var gradient = [Double](repeating: 0, count: output.count)
        for i in output.indices {
            let d = output[i] - target[i]
            loss += 0.5 * d * d
            gradient[i] = d
        }
        return (loss, gradient)
    }

    /// Half the squared error on one output only, `½ (y_k - t)²`; the other outputs get no gradient.
    ///
    /// This is the loss of a bandit estimator with one output per arm: only the pulled arm's
    /// reward is observed.
    public static func maskedSquared(output: [Double], index: Int, target: Double) -> (loss: Double, gradient: [Double]) {
        var gradient = [Double](repeating: 0, count: output.count)
        let d = output[index] - target
        gradient[index] = d
        return (0.5 * d * d, gradient)
    }

    /// Softmax cross-entropy `-log softmax(y)_label` and its gradient `softmax(y) - onehot(label)`.
    public static func softmaxCrossEntropy(logits: [Double], label: Int) -> (loss: Double, gradient: [Double]) {
        precondition(logits.indices.contains(label), "softmaxCrossEntropy: label \(label) out of range")
        let loss = Softmax.logSumExp(logits) - logits[label]
        var gradient = Softmax.probabilities(logits)
        gradient[label] -= 1
        return (loss, gradient)
    }

    /// Binary cross-entropy of a logit `z` against a 0/1 `target`: `log(1 + e^z) - t z`, and its
    /// derivative `σ(z) - t`.
    public static func binaryCrossEntropy(logit z: Double, target: Double) -> (loss: Double, gradient: Double) {
        let softplus = z > 0 ? z + _mlLog(1 + _mlExp(-z)) : _mlLog(1 + _mlExp(z))
        return (softplus - target * z, Activation.logistic(z) - target)
    }
}
