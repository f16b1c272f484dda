import SweepCore
import SweepSupport

/// Chooses the next two curves to label on the pairwise page: a pair nobody has labelled, at
/// random and in a random order; and, once a pair has been labelled in one order and at least
/// `flipDelay` other labels have come since, the same pair in the other order (so a person's
/// preference for a side shows); when no new pair is left, the flips still due. When every pair
/// has been shown both ways, any pair at random.
struct PairPicker {
    /// Labels given after a pair's first showing before it comes back flipped.
    static let flipDelay = 3

    /// Trial numbers that can be shown (finished, with a curve), and the study's labels so far.
    var candidates: [Int]
    var labels: [PairLabel]

    /// The pair to show, `first` on the left; nil with fewer than two candidates. `seed` varies
    /// the choice (the page passes a fresh one each time; tests a fixed one).
    func next(seed: UInt64) -> (first: Int, second: Int)? {
        let pool = Array(Set(candidates)).sorted()
        guard pool.count >= 2 else { return nil }
        let allowed = Set(pool)
        var shown = Set<[Int]>()
        var unordered = Set<[Int]>()
        for label in labels where allowed.contains(label.first) && allowed.contains(label.second) {
            shown.insert([label.first, label.second])
            unordered.insert([min(label.first, label.second), max(label.first, label.second)])
        }
        // The oldest label whose flipped order is still due, once enough labels came after it.
        for (position, label) in labels.enumerated()
        where labels.count - 1 - position >= Self.flipDelay && allowed.contains(label.first) && allowed.contains(label.second)
            && !shown.contains([label.second, label.first])
        {
            return (label.second, label.first)
        }
        var random = SplitMix64(seed: SplitMix64.derive(seed, UInt64(labels.count)))
        let pairs = pool.count * (pool.count - 1) / 2
        // A new pair: draw a few times at random (cheap at any size), then look through them all.
        for _ in 0..<64 where unordered.count < pairs {
            let a = pool[Int(random.next() % UInt64(pool.count))]
            let b = pool[Int(random.next() % UInt64(pool.count))]
            if a != b, !unordered.contains([min(a, b), max(a, b)]) { return random.next() % 2 == 0 ? (a, b) : (b, a) }
        }
        if unordered.count < pairs {
            for (i, a) in pool.enumerated() {
                for b in pool[(i + 1)...] where !unordered.contains([a, b]) { return random.next() % 2 == 0 ? (a, b) : (b, a) }
            }
        }
        // No new pair left: the oldest flip still due, however recent.
        for label in labels where allowed.contains(label.first) && allowed.contains(label.second) && !shown.contains([label.second, label.first]) {
            return (label.second, label.first)
        }
        let a = Int(random.next() % UInt64(pool.count))
        let b = (a + 1 + Int(random.next() % UInt64(pool.count - 1))) % pool.count
        return (pool[a], pool[b])
    }
}
