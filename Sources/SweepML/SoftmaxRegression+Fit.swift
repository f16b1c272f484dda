extension SoftmaxRegression {
    /// scikit-learn's objective for `LogisticRegression(C:)`: the mean cross-entropy plus
    /// `‖W‖² / (2 C n)` (biases not penalised), and its gradient in `parameters` layout, at `w`.
    ///
    /// Its minimiser is that of `Σ cross-entropy + ‖W‖² / (2C)`. `l2` is not used here.
    public func objective(_ rows: Matrix, labels: [Int], inverseRegularization c: Double, at w: [Double]) -> (value: Double, gradient: [Double]) {
        precondition(rows.columns == featureCount && rows.rows == labels.count && w.count == parameters.count, "SoftmaxRegression.objective: shapes do not match")
        let (k, d, n) = (classCount, featureCount, rows.rows)
        var gradient = [Double](repeating: 0, count: w.count)
        var z = [Double](repeating: 0, count: k)
        var loss = 0.0
        w.withBase { wp in
            rows.values.withBase { xs in
                gradient.withMutableBase { gp in
                    for i in 0..<n {
                        let x = xs + i &* d
                        z.withMutableBase { zp in
                            for j in 0..<k { zp[j] = wp[k &* d &+ j] }
                            LinearKernels.multiply(wp, rows: k, columns: d, x, into: zp, accumulate: true)
                        }
                        let label = labels[i]
                        loss += Softmax.logSumExp(z) - z[label]
                        Softmax.normalize(&z)
                        z[label] -= 1
                        z.withBase { dz in
                            LinearKernels.addOuter(gp, rows: k, columns: d, scale: 1, dz, x)
                            for j in 0..<k { gp[k &* d &+ j] += dz[j] }
                        }
                    }
                }
            }
        }
        let scale = n > 0 ? 1 / Double(n) : 0
        let lambda = n > 0 ? 1 / (c * Double(n)) : 0
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
        var out = Matrix(rows: rows.rows, columns: classCount)
        var z = [Double](repeating: 0, count: classCount)
        rows.values.withBase { xs in
            for i in 0..<rows.rows {
                logits(xs + i &* featureCount, into: &z)
                Softmax.normalize(&z)
                for j in 0..<classCount { out.values[i &* classCount &+ j] = z[j] }
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
