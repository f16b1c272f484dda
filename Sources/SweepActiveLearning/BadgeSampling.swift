import SweepML

/// BADGE-like batch selection (Ash et al., 2020): k-means++ seeding on gradient embeddings.
///
/// A point's gradient embedding is the gradient of its loss at its predicted label with respect
/// to the last layer's weights, `(p - onehot(ŷ)) ⊗ h(x)`: long for uncertain points, and
/// pointing in different directions for different points. The first pick is the longest; each
/// next one is drawn with probability proportional to its squared distance to the nearest pick.
/// Distances use `‖u⊗h - u'⊗h'‖² = ‖u‖²‖h‖² + ‖u'‖²‖h'‖² - 2 (u·u')(h·h')`, so the C·d-long
/// embeddings are never formed.
public struct BadgeSampling: SelectionStrategy {
    public init() {}

    public func select(_ count: Int, in context: SelectionContext, using rng: inout RandomGenerator) -> [Int] {
        let h = context.model.embedding(context.data.subset(context.unlabelled).features)
        let n = context.unlabelled.count
        let u: [[Double]] = (0..<n).map { k in
            var row = context.probabilities.row(k)
            row[Vector.argmax(row)] -= 1
            return row
        }
        let hRows = (0..<n).map { h.row($0) }
        let length = (0..<n).map { Vector.dot(u[$0], u[$0]) * Vector.dot(hRows[$0], hRows[$0]) }
        func distance(_ a: Int, _ b: Int) -> Double {
            max(0, length[a] + length[b] - 2 * Vector.dot(u[a], u[b]) * Vector.dot(hRows[a], hRows[b]))
        }
        var picked: [Int] = []
        var taken = [Bool](repeating: false, count: n)
        var nearest = [Double](repeating: .infinity, count: n)
        var next = Vector.argmax(length)
        while picked.count < min(count, n) {
            picked.append(next)
            taken[next] = true
            var total = 0.0
            for k in 0..<n where !taken[k] {
                nearest[k] = min(nearest[k], distance(k, next))
                total += nearest[k]
            }
            guard picked.count < min(count, n) else { break }
            let open = (0..<n).filter { !taken[$0] }
            if total > 0 {
                var target = rng.nextUnit() * total
                next = open.last ?? 0
                for k in open {
                    target -= nearest[k]
                    if target < 0 {
                        next = k
                        break
                    }
                }
            } else {
                next = open[rng.nextInt(below: open.count)]
            }
        }
        return picked.map { context.unlabelled[$0] }
    }
}
