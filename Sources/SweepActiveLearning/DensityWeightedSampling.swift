import Foundation
import SweepML

/// Information density (Settles & Craven, 2008): uncertainty × (mean cosine similarity to the
/// pool)^β, so that outliers, however uncertain, give way to uncertain points in dense regions.
///
/// Densities are computed once per pool (`prepared`), over every pool row.
public struct DensityWeightedSampling: SelectionStrategy {
    public var measure: Uncertainty
    public var beta: Double
    /// Density by dataset index (empty until `prepared`).
    public private(set) var density: [Double] = []

    public init(measure: Uncertainty = .entropy, beta: Double = 1) {
        self.measure = measure
        self.beta = beta
    }

    public func prepared(data: LabelledDataset, pool: [Int]) -> any SelectionStrategy {
        var copy = self
        copy.density = Self.densities(data.features, pool: pool)
        return copy
    }

    /// The mean cosine similarity of each pool row to all pool rows (0 elsewhere).
    static func densities(_ x: Matrix, pool: [Int]) -> [Double] {
        let d = x.columns
        let unit: [[Double]] = pool.map { i in
            let row = x.row(i)
            let norm = Vector.norm(row)
            return norm > 0 ? row.map { $0 / norm } : [Double](repeating: 0, count: d)
        }
        var sum = [Double](repeating: 0, count: d)
        for u in unit { Vector.addScaled(u, 1, to: &sum) }
        // mean_j cos(i, j) = u_i · (Σ_j u_j) / n: one pass instead of n² dot products.
        var density = [Double](repeating: 0, count: x.rows)
        for (k, i) in pool.enumerated() { density[i] = Vector.dot(unit[k], sum) / Double(pool.count) }
        return density
    }

    public func select(_ count: Int, in context: SelectionContext, using rng: inout RandomGenerator) -> [Int] {
        let u = measure.scores(context.probabilities)
        let shift = measure == .margin ? 1.0 : 0  // margin scores lie in [-1, 0]: make them ≥ 0
        let scores = context.unlabelled.indices.map { k -> Double in
            let rho = density.isEmpty ? 1 : max(density[context.unlabelled[k]], 0)
            return (u[k] + shift) * pow(rho, beta)
        }
        return topPositions(scores, count).map { context.unlabelled[$0] }
    }
}
