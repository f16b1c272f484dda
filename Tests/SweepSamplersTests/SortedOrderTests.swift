import SweepCore
import Testing

@testable import SweepSamplers

@Suite struct SortedOrderTests {
    func reference(_ values: [Double]) -> [Int32] {
        values.indices.sorted { a, b in values[a] < values[b] || (values[a] == values[b] && a < b) }.map { Int32($0) }
    }

    @Test(arguments: [0, 1, 10, 255, 256, 1000, 5000])
    func matchesAStableSort(count: Int) {
        var rng = SplitMix64(seed: UInt64(count))
        // Negative, positive, ±0, huge and tiny values, and many ties.
        let pool: [Double] = [-0.0, 0.0, -1e300, 1e300, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 3, 3, -3]
        let values = (0..<count).map { i -> Double in
            i % 3 == 0 ? pool[Int(rng.nextIndex(UInt64(pool.count)))] : (rng.nextUnit() - 0.5) * 20
        }
        var order: [Int32] = []
        values.withUnsafeBufferPointer { sortedOrder($0, into: &order) }
        #expect(order == reference(values))
        let ints = (0..<count).map { Double(($0 * 7) % 11) }
        ints.withUnsafeBufferPointer { sortedOrder($0, into: &order) }
        #expect(order == reference(ints))
    }
}
