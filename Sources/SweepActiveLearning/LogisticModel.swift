import SweepML

/// Multinomial logistic regression with an L2 penalty, fitted by L-BFGS like scikit-learn's
/// `LogisticRegression(C:, solver="lbfgs")`, warm-started between rounds.
public struct LogisticModel: Classifier {
    /// The model.
    public var regression: SoftmaxRegression
    /// scikit-learn's `C`: the inverse of the penalty's strength.
    public var inverseRegularization: Double
    /// The solver (scikit-learn's `tol` and `max_iter` are its gradient tolerance and iterations).
    public var solver: LBFGS
    /// How the last fit ended.
    public private(set) var lastFit: LBFGS.Result?

    public init(featureCount: Int, classCount: Int, inverseRegularization: Double = 1, solver: LBFGS = LBFGS()) {
        regression = SoftmaxRegression(featureCount: featureCount, classCount: classCount)
        self.inverseRegularization = inverseRegularization
        self.solver = solver
    }

    public mutating func fit(_ rows: Matrix, labels: [Int]) {
        lastFit = regression.fit(rows, labels: labels, inverseRegularization: inverseRegularization, solver: solver)
    }

    public func probabilities(_ rows: Matrix) -> Matrix { regression.probabilities(rows) }

    public func embedding(_ rows: Matrix) -> Matrix { rows }
}
