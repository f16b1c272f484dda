import SweepSupport

/// xoshiro256**: the labs' fast, seedable random number generator.
///
/// Every random choice in a lab flows from one seed. Independent runs get independent streams:
/// `RandomGenerator(seed: s, stream: run)` mixes the stream index into the seed with SplitMix64.
public struct RandomGenerator: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A generator whose state is expanded from `seed` with SplitMix64 (never all zero).
    public init(seed: UInt64, stream: UInt64 = 0) {
        var expand = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        if stream != 0 { _ = expand.next() }
        s0 = expand.next()
        s1 = expand.next()
        s2 = expand.next()
        s3 = expand.next()
    }

    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in 0..<n (n > 0), without modulo bias (Lemire's method).
    @inlinable @inline(__always)
    public mutating func nextInt(below n: Int) -> Int {
        precondition(n > 0, "nextInt(below:) needs a positive bound")
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    /// A standard normal draw (Marsaglia's polar method; the second value of a pair is dropped
    /// so that the generator stays a plain value with no cached state).
    @inlinable
    public mutating func nextGaussian() -> Double {
        while true {
            let u = 2 * nextUnit() - 1
            let v = 2 * nextUnit() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return u * (-2 * _mlLog(s) / s).squareRoot()
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@usableFromInline @inline(__always) func _mlLog(_ x: Double) -> Double { log(x) }
