import SweepCore

/// A seeded bijection of `0..<count` that is computed point by point, never stored: a balanced
/// Feistel network on the smallest even power of two that covers `count`, with cycle walking
/// back into range. The grid sampler uses it so that the order of a million-point grid costs
/// nothing to keep and every worker computes the same order from the study seed.
struct IndexPermutation: Sendable, Hashable {
    let count: UInt64
    private let halfBits: UInt64
    private let mask: UInt64
    private let keys: [UInt64]

    init(count: UInt64, seed: UInt64) {
        self.count = count
        var bits: UInt64 = 1
        while bits < 64 && (count - 1) >> bits != 0 { bits += 1 }
        let half = (bits + 1) / 2
        halfBits = half
        mask = half >= 64 ? .max : (1 << half) - 1
        var rng = SplitMix64(seed: SplitMix64.derive(seed, 0x4752_4944))  // "GRID"
        keys = (0..<6).map { _ in rng.next() }
    }

    /// The image of `index` (which must be below `count`).
    func callAsFunction(_ index: UInt64) -> UInt64 {
        guard count > 1 else { return 0 }
        var x = index
        repeat { x = round(x) } while x >= count
        return x
    }

    private func round(_ x: UInt64) -> UInt64 {
        var left = (x >> halfBits) & mask
        var right = x & mask
        for key in keys {
            let mixed = Self.mix(right ^ key) & mask
            (left, right) = (right, left ^ mixed)
        }
        return (left << halfBits) | right
    }

    @inline(__always)
    private static func mix(_ v: UInt64) -> UInt64 {
        var z = v &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
