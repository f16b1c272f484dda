import SweepML

/// Core-set selection by k-center greedy (Sener & Savarese, 2018): repeatedly pick the
/// unlabelled point farthest from every labelled or already picked point, in the classifier's
/// embedding (the input for logistic regression). It ignores uncertainty: a diverse batch.
public struct KCenterGreedy: SelectionStrategy {
    public init() {}

    public func select(_ count: Int, in context: SelectionContext, using rng: inout RandomGenerator) -> [Int] {
        let embedded = context.model.embedding(context.data.features)
        let candidates = context.unlabelled.map { embedded.row($0) }
        var nearest = [Double](repeating: .infinity, count: candidates.count)
        for i in context.labelled {
            let centre = embedded.row(i)
            for k in candidates.indices { nearest[k] = min(nearest[k], squaredDistance(candidates[k], centre)) }
        }
        var picked: [Int] = []
        var taken = Set<Int>()
        while picked.count < min(count, candidates.count) {
            var best = -1
            for k in candidates.indices where !taken.contains(k) && (best < 0 || nearest[k] > nearest[best]) { best = k }
            picked.append(context.unlabelled[best])
            taken.insert(best)
            for k in candidates.indices { nearest[k] = min(nearest[k], squaredDistance(candidates[k], candidates[best])) }
        }
        return picked
    }
}

/// `‖a - b‖²`.
func squaredDistance(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in a.indices {
        let d = a[i] - b[i]
        s += d * d
    }
    return s
}
