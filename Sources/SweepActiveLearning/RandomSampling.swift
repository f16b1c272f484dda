import SweepML

/// Picks unlabelled points uniformly at random: the baseline every strategy must beat.
public struct RandomSampling: SelectionStrategy {
    public init() {}

    public func select(_ count: Int, in context: SelectionContext, using rng: inout RandomGenerator) -> [Int] {
        var pool = context.unlabelled
        let k = min(count, pool.count)
        for i in 0..<k { pool.swapAt(i, i + rng.nextInt(below: pool.count - i)) }
        return Array(pool[..<k])
    }
}
