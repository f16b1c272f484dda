extension SoftmaxRegression {
    /// scikit-learn's objective for `LogisticRegression(C:)`: the mean cross-entropy plus
    /// `‖W‖² / (2 C n)` (biases not penalised), and its gradient in `parameters` layout, at `w`.
    ///
    /// Its minimiser is that of `Σ cross-entropy + ‖W‖² / (2C)`. `l2` is not used here.
    public func objective(_ rows: Matrix, labels: [Int], inverseRegularization c: Double, at w: [Double]) -> (value: Double, gradient: [Double]) {
        objective(rows, transposed: rows.transposed.values, labels: labels, inverseRegularization: c, at: w)
    }

    /// `objective` with the rows also given transposed (features × rows), as two matrix
    /// products: logits `W Xᵀ` (classes × rows) and the weights' gradient `(P - Y) X`.
    func objective(_ rows: Matrix, transposed xT: [Double], labels: [Int], inverseRegularization c: Double, at w: [Double]) -> (value: Double, gradient: [Double]) {
        precondition(rows.columns == featureCount && rows.rows == labels.count && w.count == parameters.count, "SoftmaxRegression.objective: shapes do not match")
        let (k, d, n) = (classCount, featureCount, rows.rows)
        var gradient = [Double](repeating: 0, count: w.count)
        guard n > 0 else { return (0, gradient) }
        var z = [Double](repeating: 0, count: k * n)
        var loss = 0.0
        w.withBase { wp in
            xT.withBase { xt in z.withMutableBase { zp in LinearKernels.multiply(wp, xt, into: zp, m: k, k: d, n: n, accumulate: false) } }
            z.withMutableBase { zp in
                for i in 0..<n {
                    var top = -Double.infinity
                    for j in 0..<k {
                        zp[j &* n &+ i] += wp[k &* d &+ j]
                        top = max(top, zp[j &* n &+ i])
                    }
                    let label = labels[i]
                    let labelLogit = zp[label &* n &+ i]
                    var sum = 0.0
                    for j in 0..<k {
                        let e = _mlExp(zp[j &* n &+ i] - top)
                        zp[j &* n &+ i] = e
                        sum += e
                    }
                    loss += top + _mlLog(sum) - labelLogit
                    let inverse = 1 / sum
                    for j in 0..<k { zp[j &* n &+ i] *= inverse }
                    zp[label &* n &+ i] -= 1
                }
            }
            z.withBase { dz in
                rows.values.withBase { xs in
                    gradient.withMutableBase { gp in
                        LinearKernels.multiply(dz, xs, into: gp, m: k, k: n, n: d, accumulate: false)
                        for j in 0..<k {
                            var sum = 0.0
                            for i in 0..<n { sum += dz[j &* n &+ i] }
                            gp[k &* d &+ j] = sum
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
        let xT = rows.transposed.values
        let result = solver.minimize(from: parameters) { w in
            model.objective(rows, transposed: xT, labels: labels, inverseRegularization: c, at: w)
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
