import Foundation
import SweepML

/// How unsure a classifier is about one point, from its class probabilities (higher is more
/// unsure).
public enum Uncertainty: String, Sendable, Hashable, CaseIterable {
    /// `1 - max p`.
    case leastConfident = "least_confident"
    /// `-(p₁ - p₂)`, the gap between the two most probable classes, negated.
    case margin
    /// `-Σ p log p`.
    case entropy

    /// The uncertainty of probabilities `p`.
    public func score(_ p: [Double]) -> Double {
        switch self {
        case .leastConfident:
            return 1 - (p.max() ?? 0)
        case .margin:
            var first = -Double.infinity, second = -Double.infinity
            for v in p {
                if v > first {
                    second = first
                    first = v
                } else if v > second {
                    second = v
                }
            }
            return second.isFinite ? -(first - second) : 0
        case .entropy:
            return -p.reduce(0) { $1 > 0 ? $0 + $1 * log($1) : $0 }
        }
    }

    /// The uncertainty of every row of `probabilities`.
    public func scores(_ probabilities: Matrix) -> [Double] {
        (0..<probabilities.rows).map { score(probabilities.row($0)) }
    }
}

/// Top-k uncertainty sampling: the `count` points the classifier is least sure about.
public struct UncertaintySampling: SelectionStrategy {
    public var measure: Uncertainty

    public init(_ measure: Uncertainty) { self.measure = measure }

    public func select(_ count: Int, in context: SelectionContext, using rng: inout RandomGenerator) -> [Int] {
        topPositions(measure.scores(context.probabilities), count).map { context.unlabelled[$0] }
    }
}
