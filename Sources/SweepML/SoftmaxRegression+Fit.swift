extension SoftmaxRegression {
    /// scikit-learn's objective for `LogisticRegression(C:)`: the mean cross-entropy plus
    /// `‖W‖² / (2 C n)` (biases not penalised), and its gradient in `parameters` layout, at `w`.
    ///
    /// Its minimiser is that of `Σ cross-entropy + ‖W‖² / (2C)`. `l2` is not used here.
    public func objective(_ rows: Matrix, labels: [Int], inverseRegularization c: Double, at w: [Double]) -> (value: Double, gradient: [Double]) {
        precondition(rows.columns == featureCount && rows.rows == labels.count && w.count == parameters.count, "SoftmaxRegression.objective: shapes do not match")
        let (k, d, n) = (classCount, featureCount, rows.rows)
        var gradient = [Double](repeating: 0, count: w.count)
        guard n > 0 else { return (0, gradient) }
        // The logits (rows × classes), then in place the softmax minus the one-hot labels.
        var z = [Double](repeating: 0, count: n * k)
        var loss = 0.0
        w.withBase { wp in
            rows.values.withBase { xs in
                z.withMutableBase { zp in
                    SoftmaxKernels.logits(xs, n: n, d: d, wp, k: k, into: zp)
                    let bias = wp + k &* d
                    labels.withUnsafeBufferPointer { labelBuffer in
                        for i in 0..<n {
                            let zi = zp + i &* k
                            var top = -Double.infinity
                            for j in 0..<k {
                                zi[j] += bias[j]
                                top = max(top, zi[j])
                            }
                            let label = labelBuffer[i]
                            let labelLogit = zi[label]
                            var sum = 0.0
                            for j in 0..<k {
                                let e = _mlExp(zi[j] - top)
                                zi[j] = e
                                sum += e
                            }
                            loss += top + _mlLog(sum) - labelLogit
                            let inverse = 1 / sum
                            for j in 0..<k { zi[j] *= inverse }
                            zi[label] -= 1
                        }
                    }
                    gradient.withMutableBase { gp in
                        SoftmaxKernels.gradient(zp, k: k, xs, n: n, d: d, into: gp)
                        for i in 0..<n {
                            for j in 0..<k { gp[k &* d &+ j] += zp[i &* k &+ j] }
                        }
                    }
                }
            }
        }
        let scale = 1 / Double(n)
        let lambda = 1 / (c * Double(n))
        var penalty = 0.0
        for i in 0..<gradient.count {
            gradient[i] *= scale
            if i < k * d {
                penalty += w[i] * w[i]
                gradient[i] += lambda * w[i]
            }
        }
        return (loss * scale + 0.5 * lambda * penalty, gradient)
    }

    /// Fits the model to `rows` and `labels` by L-BFGS on `objective`, starting from the current
    /// parameters (a warm start: refitting after a few more labels takes few iterations).
    /// - Parameter c: scikit-learn's `C`, the inverse of the L2 strength (> 0).
    @discardableResult
    public mutating func fit(_ rows: Matrix, labels: [Int], inverseRegularization c: Double, solver: LBFGS = LBFGS()) -> LBFGS.Result {
        precondition(c > 0, "SoftmaxRegression.fit: C must be positive")
        let model = self
        let result = solver.minimize(from: parameters) { w in
            model.objective(rows, labels: labels, inverseRegularization: c, at: w)
        }
        if result.value.isFinite { parameters = result.x }
        return result
    }

    /// The class probabilities of every row (rows × classes).
    public func probabilities(_ rows: Matrix) -> Matrix {
        precondition(rows.columns == featureCount, "SoftmaxRegression: expected \(featureCount) features, got \(rows.columns)")
        let (k, d) = (classCount, featureCount)
        var out = Matrix(rows: rows.rows, columns: k)
        guard rows.rows > 0 else { return out }
        parameters.withBase { wp in
            rows.values.withBase { xs in
                out.values.withMutableBase { zp in
                    SoftmaxKernels.logits(xs, n: rows.rows, d: d, wp, k: k, into: zp)
                    let bias = wp + k &* d
                    for i in 0..<rows.rows {
                        let zi = zp + i &* k
                        var top = -Double.infinity
                        for j in 0..<k {
                            zi[j] += bias[j]
                            top = max(top, zi[j])
                        }
                        var sum = 0.0
                        for j in 0..<k {
                            zi[j] = _mlExp(zi[j] - top)
                            sum += zi[j]
                        }
                        let inverse = 1 / sum
                        for j in 0..<k { zi[j] *= inverse }
                    }
                }
            }
        }
        return out
    }

    /// The mean cross-entropy (log-loss) of `rows` against `labels`; 0 for no rows.
    public func logLoss(_ rows: Matrix, labels: [Int]) -> Double {
        guard rows.rows > 0 else { return 0 }
        var z = [Double](repeating: 0, count: classCount)
        var total = 0.0
        rows.values.withBase { xs in
            for i in 0..<rows.rows {
                logits(xs + i &* featureCount, into: &z)
                total += Softmax.logSumExp(z) - z[labels[i]]
            }
        }
        return total / Double(rows.rows)
    }
}
