import Foundation

/// Standard normal functions for the truncated Gaussians of the Parzen estimator: the CDF and its
/// log (accurate in both tails), the log of the mass between two points, the quantile function,
/// and inverse-CDF sampling of a truncated standard normal.
enum Gaussian {
    static let logSqrt2Pi = 0.5 * Foundation.log(2 * Double.pi)
    static let invSqrt2 = 1 / 2.0.squareRoot()

    /// Φ(z), with full relative precision in the lower tail.
    @inline(__always)
    static func cdf(_ z: Double) -> Double { 0.5 * erfc(-z * invSqrt2) }

    /// log Φ(z), accurate far into both tails.
    static func logCDF(_ z: Double) -> Double {
        if z > 0 { return log1p(-cdf(-z)) }
        if z > -35 { return Foundation.log(cdf(z)) }
        // Asymptotic series: Φ(z) = φ(z)/(-z) · (1 - 1/z² + 3/z⁴ - 15/z⁶ + …).
        let inv2 = 1 / (z * z)
        var sum = 1.0
        var term = 1.0
        var k = 1.0
        while k < 40 {
            term *= -(2 * k - 1) * inv2
            sum += term
            if abs(term) < 1e-17 { break }
            k += 1
        }
        return -0.5 * z * z - logSqrt2Pi - Foundation.log(-z) + Foundation.log(sum)
    }

    /// log(Φ(b) − Φ(a)) for a ≤ b, accurate when the interval lies deep in a tail.
    static func logMass(_ a: Double, _ b: Double) -> Double {
        if a > 0 { return logMass(-b, -a) }  // work in the lower tail, where Φ is exact
        if b <= 0 {
            let pb = cdf(b)
            if pb > 1e-250 {
                let m = pb - cdf(a)
                return m > 0 ? Foundation.log(m) : -.infinity
            }
            let lb = logCDF(b)
            let la = logCDF(a)
            return la < lb ? lb + log1p(-Foundation.exp(la - lb)) : -.infinity
        }
        // a ≤ 0 < b: both tails are small, no cancellation. Beyond 9 standard deviations a tail
        // (< 1.2e-19) cannot change the result, so erfc is skipped.
        let left = a < -9 ? 0 : cdf(a)
        let right = b > 9 ? 0 : cdf(-b)
        return log1p(-left - right)
    }

    /// The quantile Φ⁻¹(p) for 0 < p < 1 (Acklam's rational approximation refined by one Halley
    /// step, which brings it to double precision).
    static func quantile(_ p: Double) -> Double {
        if p <= 0 { return -.infinity }
        if p >= 1 { return .infinity }
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * Foundation.log(p)).squareRoot()
            x = (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5)
                / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5
            let r = q * q
            x = (((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q
                / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
        } else {
            let q = (-2 * log1p(-p)).squareRoot()
            x = -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5)
                / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
        }
        // Halley refinement on Φ(x) − p, using the tail that keeps precision.
        let e = x < 0 ? cdf(x) - p : (p > 0.5 ? (1 - p) - cdf(-x) : cdf(x) - p)
        let u = e * (2 * Double.pi).squareRoot() * Foundation.exp(0.5 * x * x)
        x -= u / (1 + 0.5 * x * u)
        return x
    }

    /// A draw from the standard normal truncated to [a, b], by inverting the CDF at `u` ∈ [0, 1).
    static func truncatedDraw(_ a: Double, _ b: Double, u: Double) -> Double {
        guard a < b else { return a }
        if a > 0 { return -truncatedDraw(-b, -a, u: 1 - u) }
        let fa = cdf(a)
        let x: Double
        if b <= 0 {
            let m = cdf(b) - fa
            guard m > 0 else { return a + u * (b - a) }
            x = quantile(fa + u * m)
        } else {
            // a ≤ 0 < b: the mass is at least Φ(b) − 1/2, never tiny when b is not.
            let fnb = cdf(-b)
            let m = 1 - fa - fnb
            guard m > 0 else { return a + u * (b - a) }
            let p = fa + u * m
            if p < 0.5 {
                x = quantile(p)
            } else {
                x = -quantile(fnb + (1 - u) * m)
            }
        }
        return min(max(x, a), b)
    }

    // Acklam's coefficients.
    private static let a0 = -3.969683028665376e+01, a1 = 2.209460984245205e+02
    private static let a2 = -2.759285104469687e+02, a3 = 1.383577518672690e+02
    private static let a4 = -3.066479806614716e+01, a5 = 2.506628277459239e+00
    private static let b0 = -5.447609879822406e+01, b1 = 1.615858368580409e+02
    private static let b2 = -1.556989798598866e+02, b3 = 6.680131188771972e+01
    private static let b4 = -1.328068155288572e+01
    private static let c0 = -7.784894002430293e-03, c1 = -3.223964580411365e-01
    private static let c2 = -2.400758277161838e+00, c3 = -2.549671010336808e+00
    private static let c4 = 4.374664141464968e+00, c5 = 2.938163982698783e+00
    private static let d0 = 7.784695709041462e-03, d1 = 3.224671290700398e-01
    private static let d2 = 2.445134137142996e+00, d3 = 3.754408661907416e+00
}
