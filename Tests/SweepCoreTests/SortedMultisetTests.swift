import Testing

@testable import SweepCore

@Suite struct SortedMultisetTests {
    /// numpy's linear percentile computed the slow way, for comparison.
    func reference(_ values: [Double], _ q: Double) -> Double {
        let s = values.sorted()
        let index = q / 100 * Double(s.count - 1)
        let lo = Int(index.rounded(.down))
        let hi = min(lo + 1, s.count - 1)
        return numpyLerp(s[lo], s[hi], index - index.rounded(.down))
    }

    @Test func keepsValuesSortedAcrossManyBlocks() {
        var g = SplitMix64(seed: 7)
        var set = SortedMultiset()
        var plain: [Double] = []
        for _ in 0..<5_000 {
            let v = (g.nextUnit() * 100).rounded() / 10  // many duplicates
            set.insert(v)
            plain.append(v)
        }
        #expect(set.sorted == plain.sorted())
        #expect(set.count == 5_000)
        #expect(set.element(at: 2_500) == plain.sorted()[2_500])
    }

    @Test(arguments: [0.0, 10, 25, 50, 62.5, 75, 90, 100])
    func percentileMatchesTheLinearRule(q: Double) {
        var g = SplitMix64(seed: 3)
        let values = (0..<1_001).map { _ in g.nextGaussian() }
        #expect(SortedMultiset(values).percentile(q) == reference(values, q))
    }

    @Test func removeTakesOutOneOccurrence() {
        var set = SortedMultiset([3, 1, 2, 2])
        let removed = set.remove(2)
        #expect(removed && set.sorted == [1, 2, 3])
        let absent = set.remove(7)
        #expect(!absent)
        let all = set.remove(1) && set.remove(2) && set.remove(3)
        #expect(all && set.isEmpty && set.min == nil)
    }

    @Test func emptySetHasNoPercentile() {
        #expect(SortedMultiset().percentile(50) == nil)
        #expect(SortedMultiset([4]).percentile(50) == 4)
    }

    @Test func equalValuesAreEqualWhateverTheInsertAndRemoveOrder() {
        let values = (0..<3_000).map { Double($0 % 1_500) }
        let ascending = SortedMultiset(values.sorted())
        let descending = SortedMultiset(values.sorted(by: >))
        var grownAndShrunk = SortedMultiset(values + (0..<2_000).map { Double($0) })
        for v in 0..<2_000 { grownAndShrunk.remove(Double(v)) }
        #expect(ascending == descending)
        #expect(ascending == grownAndShrunk)
        #expect(Set([ascending, descending, grownAndShrunk]).count == 1)
        #expect(ascending.hashValue == descending.hashValue)
        var other = ascending
        other.remove(7)
        other.insert(7.5)
        #expect(other != ascending)
    }
}
