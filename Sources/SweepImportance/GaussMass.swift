import Foundation

/// The standard normal's probability mass over an interval, in log space, computed as Optuna's
/// `_truncnorm._log_gauss_mass` does (the left tail for accuracy, `log1p` in the middle).
enum GaussMass {
    /// log(Φ(b) − Φ(a)) for a ≤ b.
    static func log(_ a: Double, _ b: Double) -> Double {
        if b <= 0 { return leftTail(a, b) }
        if a > 0 { return leftTail(-b, -a) }
        // Optuna's vectorised Φ here: 0.5 + 0.5 erf, not the branches of `ndtr`.
        return Foundation.log1p(-(0.5 + 0.5 * erf(a / 2.0.squareRoot())) - (0.5 + 0.5 * erf(-b / 2.0.squareRoot())))
    }

    private static func leftTail(_ a: Double, _ b: Double) -> Double {
        let p = logNdtr(b)
        let q = logNdtr(a)
        return p + Foundation.log1p(-Foundation.exp(q - p))
    }

    /// Φ(a), from erf or erfc whichever is accurate there.
    static func ndtr(_ a: Double) -> Double {
        let x = a / 2.0.squareRoot()
        if x < -1 / 2.0.squareRoot() { return 0.5 * erfc(-x) }
        if x < 1 / 2.0.squareRoot() { return 0.5 + 0.5 * erf(x) }
        return 1 - 0.5 * erfc(x)
    }

    /// log Φ(a); an asymptotic series below −20.
    static func logNdtr(_ a: Double) -> Double {
        if a > 6 { return -ndtr(-a) }
        if a > -20 { return Foundation.log(ndtr(a)) }
        let logLHS = -0.5 * a * a - Foundation.log(-a) - 0.5 * Foundation.log(2 * Double.pi)
        var last = 0.0
        var right = 1.0
        var numerator = 1.0
        var denominator = 1.0
        let factor = 1 / (a * a)
        var sign = 1.0
        var i = 0.0
        while abs(last - right) > Double.ulpOfOne {
            i += 1
            last = right
            sign = -sign
            denominator *= factor
            numerator *= 2 * i - 1
            right += sign * numerator * denominator
        }
        return logLHS + Foundation.log(right)
    }
}
