import Foundation
import SweepML

/// Samplers the bandit lab needs on top of `RandomGenerator`: a fast normal (ziggurat), Gamma,
/// Beta and Bernoulli draws.
extension RandomGenerator {
    /// A standard normal draw by the ziggurat method (`Ziggurat`: Marsaglia & Tsang 2000, in
    /// Doornik's 2005 form with 256 layers, the layer index and the uniform taken from disjoint
    /// bits of one 64-bit output). Several times faster than `nextGaussian()`.
    @inlinable
    public mutating func nextNormal() -> Double {
        Ziggurat.shared.draw(using: &self).value
    }

    /// A Gamma(shape, 1) draw (Marsaglia & Tsang 2000; shapes below 1 by the boost
    /// Gamma(a) = Gamma(a + 1) · U^(1/a)). `shape` must be positive.
    @inlinable
    public mutating func nextGamma(shape: Double) -> Double {
        nextGamma(GammaShape(shape))
    }

    /// A Gamma draw with the shape's constants precomputed (the fast path of Thompson sampling).
    @inlinable @inline(__always)
    public mutating func nextGamma(_ shape: GammaShape) -> Double {
        nextGamma(shape, ziggurat: Ziggurat.shared)
    }

    /// One Gamma draw (see `GammaShape.fastDraw`): the branch-free fast path on one 64-bit
    /// output, else the full algorithm continuing from that output.
    @inlinable @inline(__always)
    mutating func nextGamma(_ shape: GammaShape, ziggurat: Ziggurat) -> Double {
        let bits = next()
        let fast = shape.fastDraw(bits, ziggurat: ziggurat)
        if !fast.isNaN { return fast }
        let finished = shape.draw(startingWith: bits, ziggurat: ziggurat, generator: self)
        self = finished.rng
        return finished.value
    }

    /// A Beta(alpha, beta) draw as X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta).
    @inlinable
    public mutating func nextBeta(alpha: Double, beta: Double) -> Double {
        let x = nextGamma(shape: alpha)
        let y = nextGamma(shape: beta)
        return x / (x + y)
    }

    /// 1 with probability `p`, else 0.
    @inlinable @inline(__always)
    public mutating func nextBernoulli(_ p: Double) -> Double {
        nextUnit() < p ? 1 : 0
    }
}

@usableFromInline func _gammaPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }

/// A Gamma shape a > 0 with Marsaglia & Tsang's constants d = a' − 1/3 and c = 1/√(9d), where
/// a' = a, or a + 1 for a < 1 (then a draw is boosted by U^(1/a)), and the squeeze factor
/// 256c²/12 (see `fastDraw`).
public struct GammaShape: Sendable, Equatable {
    public let shape: Double
    @usableFromInline let d: Double
    @usableFromInline let c: Double
    @usableFromInline let squeeze: Double
    @usableFromInline let boosted: Bool
    @usableFromInline let inverseShape: Double

    /// The constants for `shape` (> 0).
    @inlinable @inline(__always)
    public init(_ shape: Double) {
        self.shape = shape
        boosted = shape < 1
        inverseShape = 1 / shape
        d = (boosted ? shape + 1 : shape) - 1.0 / 3.0
        let c2 = 1 / (9 * d)
        c = c2.squareRoot()
        squeeze = c2 * (256.0 / 12.0)
    }
}

extension GammaShape {
    /// Marsaglia & Tsang's Gamma sampler: X ~ N(0, 1), v = (1 + cX)³ (rejected unless v > 0),
    /// accept d·v when log U < X²/2 + d(1 − v + log v), U ~ U(0, 1) — exactly, but decided cheaply:
    ///
    /// - With t = cX, the right side is d·g(t), g(t) = 1 − (1+t)³ + 3 log(1+t) + 4.5t²
    ///   = 3 Σ_{k≥4} (−1)^{k+1} t^k / k, so g(t) ≥ −¾t⁴ for t ≥ 0 (an alternating series) and
    ///   g(t) ≥ −¾t⁴ Σ_{j≥0} |t|^j = −¾t⁴/(1+t) for −1 < t < 0. As d·t⁴ = c²X⁴/9 and e^y ≥ 1 + y,
    ///   U < 1 − ε with ε = c²X⁴ / (12 min(1, 1+t)) implies acceptance (min(1, 1+t) is computed
    ///   as 1 + (t − |t|)/2, free of branches). This squeeze tightens as the shape grows (unlike
    ///   the fixed 1 − 0.0331X⁴, which is still tried before the logarithms), so large shapes
    ///   almost never need a logarithm.
    /// - U's top 8 bits K come free from the ziggurat's spare bits: U = (K + U′)/256. When
    ///   (K + 1)/256 ≤ 1 − ε, i.e. 256c²/12 · X⁴ ≤ (255 − K) · min(1, 1+t), the draw is accepted
    ///   without drawing U′ at all.
    ///
    /// `fastDraw` is that common case (ziggurat rectangle, squeeze accepted, no boost), without
    /// a branch or a call: d·v, or NaN when the full algorithm must go on from this output
    /// (`draw(startingWith:ziggurat:generator:)`). Callers can so run many fast draws with the
    /// generator in registers and finish the few NaNs afterwards; every decision uses fresh,
    /// independent bits, so the order in which they are drawn does not change the law.
    @inlinable @inline(__always)
    func fastDraw(_ bits: UInt64, ziggurat: Ziggurat) -> Double {
        let i = Int(truncatingIfNeeded: bits & 255)
        let j = Int64(bitPattern: bits) >> 16
        let layer = ziggurat.layers[i]
        let x = Double(j) * layer.scale
        let inRectangle = j.magnitude < layer.threshold
        let t = c * x
        let w = 1 + t
        let v = w * w * w
        let x2 = x * x
        let k = Double(Int(truncatingIfNeeded: (bits >> 8) & 255))
        // w ≤ 0 makes the right side ≤ 0 < the left: never accepted here.
        // min(1, 1 + t) without a branch: 1 + (t − |t|)/2.
        let squeezed = squeeze * (x2 * x2) <= (255 - k) * (1 + 0.5 * (t - abs(t)))
        let accepted = inRectangle && squeezed && !boosted
        return accepted ? d * v : .nan
    }

    /// The whole algorithm, with `bits` as its first 64-bit output (the generator supplies the
    /// rest), and the generator after it. Out of line and by value, so that callers keep theirs
    /// in registers.
    @usableFromInline @inline(never)
    func draw(startingWith bits: UInt64, ziggurat: Ziggurat, generator: RandomGenerator) -> (value: Double, rng: RandomGenerator) {
        var rng = generator
        var word = bits
        while true {
            // The ziggurat on `word`.
            let i = Int(truncatingIfNeeded: word & 255)
            let j = Int64(bitPattern: word) >> 16
            let k = Double(Int(truncatingIfNeeded: (word >> 8) & 255))
            var x = Double(j) * ziggurat.layers[i].scale
            if j.magnitude >= ziggurat.layers[i].threshold {
                if i == 0 {
                    let tail = Ziggurat.tail(rng, negative: j < 0)
                    rng = tail.rng
                    x = tail.value
                } else if !ziggurat.wedgeAccepts(layer: i, value: x, uniform: rng.nextUnit()) {
                    word = rng.next()
                    continue
                }
            }
            // Marsaglia & Tsang on x, with U's top bits k.
            let t = c * x
            let w = 1 + t
            if w <= 0 {
                word = rng.next()
                continue
            }
            let v = w * w * w
            let x2 = x * x
            let room = 1 + 0.5 * (t - abs(t))
            let scaledEpsilon = squeeze * (x2 * x2)
            if scaledEpsilon <= (255 - k) * room
                || Self.acceptsSlowly(x2: x2, v: v, room: room, k: k, scaledEpsilon: scaledEpsilon, d: d, uniform: rng.nextUnit())
            {
                let g = d * v
                return (boosted ? g * _gammaPow(1 - rng.nextUnit(), inverseShape) : g, rng)
            }
            word = rng.next()
        }
    }

    /// The rest of Marsaglia & Tsang's test: U = (K + U′)/256 with a fresh U′ (`uniform`),
    /// against both squeezes and then the exact bound.
    static func acceptsSlowly(x2: Double, v: Double, room: Double, k: Double, scaledEpsilon: Double, d: Double, uniform: Double) -> Bool {
        let scaledU = k + uniform
        if room > 0 && scaledU * room < 256 * room - scaledEpsilon { return true }
        let u = scaledU * 0x1.0p-8
        if u < 1 - 0.0331 * x2 * x2 { return true }
        return log(u) < 0.5 * x2 + d * (1 - v + log(v))
    }
}
