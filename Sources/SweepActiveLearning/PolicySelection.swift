import SweepML

/// Selection by a learned `SelectionPolicy`: each round it draws the policy's number of
/// candidates from the pool (seeded) and takes the `count` the policy scores highest.
public struct PolicySelection: SelectionStrategy {
    public var policy: SelectionPolicy
    /// Density by dataset index (set by `prepared`).
    public private(set) var density: [Double] = []

    public init(policy: SelectionPolicy) { self.policy = policy }

    public func prepared(data: LabelledDataset, pool: [Int]) -> any SelectionStrategy {
        var copy = self
        copy.density = DensityWeightedSampling.densities(data.features, pool: pool)
        return copy
    }

    public func select(_ count: Int, in context: SelectionContext, using rng: inout RandomGenerator) -> [Int] {
        let candidates = RandomSampling().select(policy.candidates, in: context, using: &rng)
        let features = CandidateFeatures.rows(candidates, in: context, density: density, budget: context.budget)
        return policy.pick(count, features: features, using: &rng, greedy: true).picks.map { candidates[$0] }
    }
}
