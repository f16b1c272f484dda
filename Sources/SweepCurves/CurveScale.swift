/// An exact power-of-two scaling that keeps curve arithmetic finite near the ends of `Double`.
///
/// Values as large as ±1e308 overflow to infinity as soon as two are added or subtracted (the
/// range of `[1e308, -1e308]` is 2e308). Measures and renderers scale such a curve down by a power
/// of two (exact, so ratios, orders and positions do not change), compute, and scale the results
/// back up; a result beyond `Double`'s range saturates at ±`Double.greatestFiniteMagnitude`.
/// Ordinary curves (magnitudes up to 2^`limit`) are left as they are. Replay's regret, a ratio of
/// differences of final values, is computed on scaled values the same way.
public struct CurveScale: Sendable {
    /// What the values are multiplied by (a power of two, 1 for ordinary curves).
    public let factor: Double

    /// The scaling that brings the largest finite magnitude of `values` to at most 2^`limit`.
    public init<C: Collection>(_ values: C, limit: Int = 960) where C.Element == Double {
        var largest = 0.0
        for x in values where x.isFinite { largest = Swift.max(largest, Swift.abs(x)) }
        let excess = largest > 0 ? Int(largest.exponent) - limit : 0
        factor = excess > 0 ? Double(sign: .plus, exponent: -excess, significand: 1) : 1
    }

    /// True when the values are used as they are.
    public var isIdentity: Bool { factor == 1 }

    /// `values` scaled down (non-finite values stay as they are).
    public func down(_ values: [Double]) -> [Double] {
        isIdentity ? values : values.map { $0 * factor }
    }

    /// A result computed on scaled values, in the curve's units again (saturating; NaN stays NaN).
    public func up(_ x: Double) -> Double {
        isIdentity ? x : Self.saturated(x / factor)
    }

    /// `x` with infinities replaced by ±`Double.greatestFiniteMagnitude` (NaN stays NaN).
    public static func saturated(_ x: Double) -> Double {
        x.isInfinite ? (x > 0 ? .greatestFiniteMagnitude : -.greatestFiniteMagnitude) : x
    }

    /// Applies `transform` (a smoother, made of sums and means) to `values` scaled down, and
    /// scales its output back up.
    public static func applying(_ values: [Double], _ transform: ([Double]) -> [Double]) -> [Double] {
        let scale = CurveScale(values)
        guard !scale.isIdentity else { return transform(values) }
        return transform(scale.down(values)).map(scale.up)
    }
}
