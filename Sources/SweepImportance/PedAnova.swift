import SweepCore

/// PED-ANOVA (Watanabe et al., IJCAI 2023; conditional form, KDD 2026), as Optuna 5.0's
/// `PedAnovaImportanceEvaluator` computes it with its defaults: how differently a parameter is
/// spread among the best `targetQuantile` of the trials than among the `regionQuantile` best
/// (all of them by default), measured by the Pearson divergence of two Parzen estimators on a
/// grid of at most 50 points.
///
/// Every parameter that some complete trial has is assessed. Trials are grouped into regimes by
/// the parameter's distribution (a trial without the parameter is in the inactive regime, which
/// adds nothing); a regime of fewer than 2 trials is left out. Deterministic.
public struct PedAnova: Sendable, Hashable {
    /// γ′: the share of the best trials whose parameters are compared (Optuna: 0.1).
    public var targetQuantile: Double
    /// γ: the share of the best trials they are compared with (Optuna: 1.0, every trial).
    public var regionQuantile: Double

    static let gridSteps = 50
    static let priorWeight = 1.0
    static let minTrialsInRegime = 2

    /// Needs 0 < `targetQuantile` < `regionQuantile` ≤ 1.
    public init(targetQuantile: Double = 0.1, regionQuantile: Double = 1.0) {
        self.targetQuantile = targetQuantile
        self.regionQuantile = regionQuantile
    }

    /// Unnormalised importances of every parameter of `trials` (complete, finite values).
    /// - Throws: `noParameters` when no trial has a parameter.
    public func importances(_ trials: [ImportanceTrial], direction: Direction) throws(ImportanceError) -> [String: Double] {
        let names = Set(trials.flatMap { $0.distributions.keys })
        guard !names.isEmpty else { throw .noParameters }
        var result = Dictionary(uniqueKeysWithValues: names.map { ($0, 0.0) })
        guard trials.count > 1 else { return result }
        let target = best(trials, share: targetQuantile, direction: direction)
        let region = best(trials, share: regionQuantile, direction: direction)
        guard !target.isEmpty else { return result }
        let targetSet = Set(target)
        let quantile = Double(target.count) / Double(region.count)
        for name in names {
            var importance = 0.0
            for (distribution, members) in regimes(name, region.map { trials[$0] }, indices: region) {
                guard let distribution, !distribution.isSingle else { continue }
                let inTarget = members.filter { targetSet.contains($0.index) }.map(\.trial)
                guard !inTarget.isEmpty else { continue }
                let alpha = Double(inTarget.count) / Double(target.count)
                let beta = Double(members.count) / Double(region.count)
                importance += alpha * alpha / beta * divergence(name, distribution, target: inTarget, region: members.map(\.trial))
            }
            result[name] = importance * quantile * quantile
        }
        return result
    }

    /// Indices of the trials whose loss (the value, negated when maximising) is at most the
    /// `share` quantile's (numpy's inverted CDF), in trial order.
    func best(_ trials: [ImportanceTrial], share: Double, direction: Direction) -> [Int] {
        guard share < 1 else { return Array(trials.indices) }
        let sign = direction == .minimize ? 1.0 : -1.0
        let losses = trials.map { sign * $0.value }
        let cutoffIndex = max(Int((share * Double(losses.count)).rounded(.up)) - 1, 0)
        let cutoff = losses.sorted()[cutoffIndex]
        return trials.indices.filter { losses[$0] <= cutoff }
    }

    /// The region's trials grouped by the parameter's distribution (nil: inactive), regimes of
    /// fewer than `minTrialsInRegime` trials left out.
    private func regimes(
        _ name: String, _ region: [ImportanceTrial], indices: [Int]
    ) -> [Distribution?: [(index: Int, trial: ImportanceTrial)]] {
        var groups: [Distribution?: [(index: Int, trial: ImportanceTrial)]] = [:]
        for (index, trial) in zip(indices, region) {
            let key: Distribution? = trial.params[name] == nil ? nil : trial.distributions[name]
            groups[key, default: []].append((index, trial))
        }
        return groups.filter { $0.value.count >= Self.minTrialsInRegime }
    }

    /// Σ p_region(x) (p_target(x) / p_region(x) − 1)² over the grid.
    private func divergence(_ name: String, _ distribution: Distribution, target: [ImportanceTrial], region: [ImportanceTrial]) -> Double {
        let top = ParzenGrid(name, distribution, target, steps: Self.gridSteps).pdf(priorWeight: Self.priorWeight)
        let local = ParzenGrid(name, distribution, region, steps: Self.gridSteps).pdf(priorWeight: Self.priorWeight)
        return zip(top, local).reduce(0) { sum, pair in
            let (t, l) = (pair.0 + 1e-12, pair.1 + 1e-12)
            return sum + l * (t / l - 1) * (t / l - 1)
        }
    }
}
