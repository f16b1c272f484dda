/// A sorted multiset of doubles with O(√n) insertion and fast order statistics: the k-th smallest
/// value and numpy-compatible percentiles. Pruners use it so that a decision's cost does not grow
/// with the number of trials.
///
/// Values are kept in sorted blocks of bounded size; NaN is not stored (callers count it apart).
public struct SortedMultiset: Sendable, Hashable {
    private var blocks: [[Double]] = []
    public private(set) var count = 0
    private static let maxBlock = 512

    public init() {}

    public init<S: Sequence>(_ values: S) where S.Element == Double {
        for v in values { insert(v) }
    }

    /// A multiset of values already in ascending order, none NaN, built in linear time.
    public init(ascending values: [Double]) {
        precondition(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }, "values must be ascending and not NaN")
        var start = 0
        while start < values.count {
            let end = Swift.min(values.count, start + Self.maxBlock)
            blocks.append(Array(values[start..<end]))
            start = end
        }
        count = values.count
    }

    public var isEmpty: Bool { count == 0 }

    /// Inserts a value. NaN is a precondition failure: count it apart.
    public mutating func insert(_ value: Double) {
        precondition(!value.isNaN, "SortedMultiset does not store NaN")
        count += 1
        if blocks.isEmpty {
            blocks.append([value])
            return
        }
        // The first block whose last element is >= value (else the last block).
        var b = 0
        while b < blocks.count - 1, blocks[b][blocks[b].count - 1] < value { b += 1 }
        let i = Self.upperBound(blocks[b], value)
        blocks[b].insert(value, at: i)
        if blocks[b].count > 2 * Self.maxBlock {
            let tail = Array(blocks[b][Self.maxBlock...])
            blocks[b].removeSubrange(Self.maxBlock...)
            blocks.insert(tail, at: b + 1)
        }
    }

    /// Removes one occurrence of `value`; returns false when it is not there.
    @discardableResult
    public mutating func remove(_ value: Double) -> Bool {
        guard let b = blocks.firstIndex(where: { $0[$0.count - 1] >= value }) else { return false }
        var lo = 0
        var hi = blocks[b].count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if blocks[b][mid] < value { lo = mid + 1 } else { hi = mid }
        }
        guard lo < blocks[b].count, blocks[b][lo] == value else { return false }
        blocks[b].remove(at: lo)
        if blocks[b].isEmpty { blocks.remove(at: b) }
        count -= 1
        return true
    }

    /// The k-th smallest value, 0-based.
    public func element(at k: Int) -> Double {
        precondition(k >= 0 && k < count, "index \(k) out of 0..<\(count)")
        var k = k
        for block in blocks {
            if k < block.count { return block[k] }
            k -= block.count
        }
        preconditionFailure("unreachable")
    }

    public var min: Double? { blocks.first?.first }
    public var max: Double? { blocks.last?.last }

    /// The q-th percentile (0…100) with numpy's default linear interpolation, bit for bit:
    /// `np.percentile(values, q)`. Nil when empty.
    public func percentile(_ q: Double) -> Double? {
        guard count > 0 else { return nil }
        let virtualIndex = (q / 100) * Double(count - 1)
        let lowerIndex = virtualIndex.rounded(.down)
        let lo = Swift.max(0, Swift.min(count - 1, Int(lowerIndex)))
        let hi = Swift.min(count - 1, lo + 1)
        let gamma = virtualIndex - lowerIndex
        return numpyLerp(element(at: lo), element(at: hi), gamma)
    }

    /// All values in order.
    public var sorted: [Double] { blocks.flatMap { $0 } }

    /// Equal when they hold the same values the same number of times, however the values are
    /// split into blocks.
    public static func == (a: SortedMultiset, b: SortedMultiset) -> Bool {
        guard a.count == b.count else { return false }
        return a.blocks.joined().elementsEqual(b.blocks.joined())
    }

    /// Hashes the values in order (not the block layout), consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for block in blocks { for v in block { hasher.combine(v) } }
    }

    private static func upperBound(_ a: [Double], _ v: Double) -> Int {
        var lo = 0
        var hi = a.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if a[mid] <= v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// numpy's `_lerp`: `a + (b - a) * t`, computed from the far end when `t >= 0.5`.
@inlinable
public func numpyLerp(_ a: Double, _ b: Double, _ t: Double) -> Double {
    let diff = b - a
    if t >= 0.5 { return b - diff * (1 - t) }
    return a + diff * t
}
