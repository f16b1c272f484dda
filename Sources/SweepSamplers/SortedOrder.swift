/// The indices of `values` in ascending order, ties in index order: the order a stable sort by
/// value gives. Large inputs use a least-significant-digit radix sort on order-preserving 64-bit
/// keys (byte passes, skipping bytes that are the same in every key), which beats comparison
/// sorting on the thousands of kernel centres TPE sorts per suggestion. No NaN allowed.
func sortedOrder(_ values: UnsafeBufferPointer<Double>, into order: inout [Int32]) {
    let n = values.count
    order.removeAll(keepingCapacity: true)
    order.append(contentsOf: 0..<Int32(n))
    if n < 256 {
        order.sort { a, b in
            let x = values[Int(a)]
            let y = values[Int(b)]
            return x < y || (x == y && a < b)
        }
        return
    }
    // IEEE 754 bits with the order of the numbers: flip every bit of negatives, the sign of the rest.
    var keys = [UInt64](repeating: 0, count: n)
    var all: UInt64 = .max  // bits set in every key
    var any: UInt64 = 0  // bits set in some key
    for i in 0..<n {
        let bits = (values[i] + 0).bitPattern  // + 0 turns -0.0 into 0.0
        let key = bits >> 63 == 1 ? ~bits : bits | (1 << 63)
        keys[i] = key
        all &= key
        any |= key
    }
    let varying = all ^ any
    var swapKeys = [UInt64](repeating: 0, count: n)
    var swapOrder = [Int32](repeating: 0, count: n)
    var counts = [Int](repeating: 0, count: 256)
    var shift: UInt64 = 0
    while shift < 64 {
        defer { shift += 8 }
        guard (varying >> shift) & 0xFF != 0 else { continue }
        for b in 0..<256 { counts[b] = 0 }
        for i in 0..<n { counts[Int((keys[i] >> shift) & 0xFF)] += 1 }
        var total = 0
        for b in 0..<256 {
            let c = counts[b]
            counts[b] = total
            total += c
        }
        for i in 0..<n {
            let b = Int((keys[i] >> shift) & 0xFF)
            let slot = counts[b]
            counts[b] = slot + 1
            swapKeys[slot] = keys[i]
            swapOrder[slot] = order[i]
        }
        swap(&keys, &swapKeys)
        swap(&order, &swapOrder)
    }
}
