import Foundation
import SweepML

/// What the learned policy sees of one candidate: its uncertainty (margin, normalised entropy,
/// least confidence), how typical it is (density), how far it is from what is labelled
/// (relative to the other candidates), and the run's progress (labels over the budget).
public enum CandidateFeatures {
    /// Number of features per candidate.
    public static let count = 6
    /// Their names, in order.
    public static let names = ["margin", "entropy", "least_confident", "density", "distance", "progress"]

    /// The features of `candidates` (dataset indices) in `context`, one row each; `density` is
    /// by dataset index (empty for none), `budget` the labels the run will end with.
    public static func rows(_ candidates: [Int], in context: SelectionContext, density: [Double], budget: Int) -> Matrix {
        let position = Dictionary(uniqueKeysWithValues: context.unlabelled.enumerated().map { ($1, $0) })
        let x = context.data.features
        let labelledRows = context.labelled.map { x.row($0) }
        let logClasses = log(Double(max(2, context.data.classCount)))
        var distance = candidates.map { c -> Double in
            let row = x.row(c)
            return labelledRows.reduce(Double.infinity) { min($0, squaredDistance(row, $1)) }.squareRoot()
        }
        let mean = distance.reduce(0, +) / Double(max(1, distance.count))
        if mean > 0 { distance = distance.map { $0 / mean } }
        var out = Matrix(rows: candidates.count, columns: count)
        for (k, c) in candidates.enumerated() {
            let p = context.probabilities.row(position[c] ?? 0)
            out.setRow(k, to: [
                -Uncertainty.margin.score(p), Uncertainty.entropy.score(p) / logClasses, Uncertainty.leastConfident.score(p),
                density.isEmpty ? 0 : density[c], distance[k].isFinite ? distance[k] : 1,
                Double(context.labelled.count) / Double(max(1, budget)),
            ])
        }
        return out
    }
}
