import SweepML

/// Multinomial logistic regression with an L2 penalty, fitted by L-BFGS like scikit-learn's
/// `LogisticRegression(C:, solver="lbfgs")`.
///
/// `.warm` (the default) refits from the last round's weights over every class. `.cold` is
/// scikit-learn's protocol, for comparing like with like: every fit starts from zero over the
/// classes the labels have shown so far; a class not yet seen gets probability 0, and with two
/// classes seen the model is scikit-learn's binary logistic regression.
public struct LogisticModel: Classifier {
    /// Where each fit starts.
    public enum Start: String, Sendable, Hashable, CaseIterable {
        /// From the last fit's weights, over every class.
        case warm
        /// From zero, over the classes seen in the labels (scikit-learn's `fit`).
        case cold
    }

    /// The model (over `classes` when `start` is `.cold`).
    public var regression: SoftmaxRegression
    /// scikit-learn's `C`: the inverse of the penalty's strength.
    public var inverseRegularization: Double
    /// The solver (scikit-learn's `tol` and `max_iter` are its gradient tolerance and iterations).
    public var solver: LBFGS
    /// Where each fit starts.
    public var start: Start
    /// The classes `regression` models, in order: every class when warm, those seen when cold.
    public private(set) var classes: [Int]
    /// How the last fit ended (nil before the first, or when only one class was seen).
    public private(set) var lastFit: LBFGS.Result?
    let classCount: Int

    public init(featureCount: Int, classCount: Int, inverseRegularization: Double = 1, solver: LBFGS = LBFGS(), start: Start = .warm) {
        regression = SoftmaxRegression(featureCount: featureCount, classCount: classCount)
        self.inverseRegularization = inverseRegularization
        self.solver = solver
        self.start = start
        self.classCount = classCount
        classes = Array(0..<classCount)
    }

    public mutating func fit(_ rows: Matrix, labels: [Int]) {
        guard start == .cold else {
            lastFit = regression.fit(rows, labels: labels, inverseRegularization: inverseRegularization, solver: solver)
            return
        }
        var present = [Bool](repeating: false, count: classCount)
        for label in labels { present[label] = true }
        classes = (0..<classCount).filter { present[$0] }
        lastFit = nil
        guard classes.count >= 2 else { return }
        var index = [Int](repeating: 0, count: classCount)
        for (i, c) in classes.enumerated() { index[c] = i }
        regression = SoftmaxRegression(featureCount: rows.columns, classCount: classes.count)
        // Two softmax rows W₀, W₁ meet the penalty at W₁ = -W₀ = w/2, so ‖W‖² = ‖w‖²/2: the
        // two-class softmax with C/2 is scikit-learn's binary model (one w) with C.
        let c = classes.count == 2 ? inverseRegularization / 2 : inverseRegularization
        lastFit = regression.fit(rows, labels: labels.map { index[$0] }, inverseRegularization: c, solver: solver)
    }

    public func probabilities(_ rows: Matrix) -> Matrix {
        if classes.count == classCount { return regression.probabilities(rows) }
        var out = Matrix(rows: rows.rows, columns: classCount)
        if classes.count == 1 {
            for i in 0..<rows.rows { out.values[i &* classCount &+ classes[0]] = 1 }
            return out
        }
        let p = regression.probabilities(rows)
        for i in 0..<rows.rows {
            for (j, c) in classes.enumerated() { out.values[i &* classCount &+ c] = p.values[i &* p.columns &+ j] }
        }
        return out
    }

    public func embedding(_ rows: Matrix) -> Matrix { rows }
}
