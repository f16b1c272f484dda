import Foundation
import SweepCore

/// The generator a sampler draws from for one trial. The trial seed is mixed with a constant so
/// that the sampler's draws are independent of the objective's, which may use the same seed.
@inline(__always)
func samplerGenerator(_ seed: UInt64, stream: UInt64 = 0) -> SplitMix64 {
    SplitMix64(seed: SplitMix64.derive(seed ^ 0x5357_4545_5053_414D, stream))
}

extension RandomNumberGenerator {
    /// A uniform integer in `0..<n` (Lemire's method, no modulo bias); `n` must be positive.
    @inline(__always)
    mutating func nextIndex(_ n: UInt64) -> UInt64 {
        var m = next().multipliedFullWidth(by: n)
        if m.low < n {
            let threshold = (0 &- n) % n
            while m.low < threshold { m = next().multipliedFullWidth(by: n) }
        }
        return m.high
    }

    /// A uniform integer in `0...n`.
    @inline(__always)
    mutating func nextIndex(through n: UInt64) -> UInt64 {
        n == .max ? next() : nextIndex(n + 1)
    }
}

extension IntDistribution {
    /// How many steps lie between `low` and `high` (the number of values minus one), without
    /// overflowing on extreme ranges.
    var stepCount: UInt64 {
        UInt64(bitPattern: Int64(high) &- Int64(low)) / UInt64(step)
    }

    /// `x` rounded into the range (no overflow at the ends of `Int`); not snapped to the step.
    func clamped(_ x: Double) -> Int {
        if !(x > Double(low)) { return low }
        if x >= Double(high) { return high }
        return Int(x.rounded())
    }

    /// The value on the step grid nearest to `x`, clipped into the range.
    func snap(_ x: Double) -> Int {
        if !(x > Double(low)) { return low }
        if x >= Double(high) { return high }
        let k = ((x - Double(low)) / Double(step)).rounded()
        return value(atStep: min(UInt64(max(k, 0)), stepCount))
    }

    /// The value `k` steps above `low`.
    func value(atStep k: UInt64) -> Int {
        low &+ Int(truncatingIfNeeded: k &* UInt64(step))
    }
}

extension FloatDistribution {
    /// For a stepped distribution, the number of steps between `low` and `high`.
    var stepCount: Int {
        guard let step, high > low else { return 0 }
        let n = ((high - low) / step).rounded()
        // Beyond 2^52 points a stepped range is continuous for all practical purposes.
        return n < 0x1p52 ? Int(n) : 1 << 52
    }

    /// The point `k` steps above `low` (stepped distributions), `high` exactly for the last one.
    func value(atStep k: Int) -> Double {
        guard let step else { return low }
        if k >= stepCount { return high }
        return min(low + Double(k) * step, high)
    }

    /// The grid point nearest to `x` (stepped distributions), clipped into the range.
    func snap(_ x: Double) -> Double {
        guard let step, high > low else { return min(max(x, low), high) }
        let k = ((x - low) / step).rounded()
        return value(atStep: Int(min(max(k, 0), Double(stepCount))))
    }
}

extension Distribution {
    /// The single value of a one-point distribution.
    var singleValue: ParamValue {
        switch self {
        case .float(let d): return .double(d.low)
        case .int(let d): return .int(d.low)
        case .categorical(let d): return d.choices[0]
        }
    }
}

/// A parameter value as the search sees it: the internal representation when the value belongs
/// to `distribution`, otherwise nil.
@inline(__always)
func internalValue(_ trial: Trial, _ name: String, _ distribution: Distribution) -> Double? {
    guard let value = trial.params[name] else { return nil }
    return distribution.toInternal(value)
}

/// Indices into `trials` of the `k` best complete trials with a number value, best first (ties
/// go to the lower trial number).
func bestCompleteIndices(_ trials: [Trial], direction: Direction, k: Int) -> [Int] {
    guard k > 0 else { return [] }
    var top: [(value: Double, number: Int, index: Int)] = []
    top.reserveCapacity(k + 1)
    func better(_ a: (value: Double, number: Int, index: Int), _ b: (value: Double, number: Int, index: Int)) -> Bool {
        if a.value != b.value { return direction.isBetter(a.value, than: b.value) }
        return a.number < b.number
    }
    for (i, trial) in trials.enumerated() {
        guard trial.state == .complete, let v = trial.value, !v.isNaN else { continue }
        let entry = (value: v, number: trial.number, index: i)
        if top.count == k, let last = top.last, !better(entry, last) { continue }
        var pos = top.count
        while pos > 0 && better(entry, top[pos - 1]) { pos -= 1 }
        top.insert(entry, at: pos)
        if top.count > k { top.removeLast() }
    }
    return top.map(\.index)
}
