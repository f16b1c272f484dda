import Foundation
import SweepML

/// A probabilistic classifier the lab can refit after every round.
///
/// `fit` starts from the current state (a warm start), so refitting after a batch is cheap.
public protocol Classifier: Sendable {
    /// Fits to `labels` of `rows` (every class index below the class count given at creation).
    mutating func fit(_ rows: Matrix, labels: [Int])
    /// Class probabilities, rows × classes.
    func probabilities(_ rows: Matrix) -> Matrix
    /// The representation the last (linear) layer reads: the input for logistic regression, the
    /// last hidden layer for an MLP. Diversity and BADGE-like strategies measure distances here.
    func embedding(_ rows: Matrix) -> Matrix
}

extension Classifier {
    /// Test accuracy and mean log-loss of `rows` against `labels` (probabilities clipped at 1e-15
    /// as scikit-learn's `log_loss` does for its float eps).
    public func score(_ rows: Matrix, labels: [Int]) -> (accuracy: Double, loss: Double) {
        let p = probabilities(rows)
        guard rows.rows > 0 else { return (0, 0) }
        var correct = 0
        var loss = 0.0
        for i in 0..<p.rows {
            let row = p.row(i)
            if Vector.argmax(row) == labels[i] { correct += 1 }
            loss -= log(Swift.max(row[labels[i]], 1e-15))
        }
        return (Double(correct) / Double(p.rows), loss / Double(p.rows))
    }
}
