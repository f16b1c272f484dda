import Foundation

/// One family fitted to a curve prefix: its parameters, how well it fits, and what it predicts.
///
/// The fitted curve is `c + a · g(u; θ)` with `u = (step + 1) / scale` (see ``CurveFamily``).
public struct CurveFit: Sendable, Hashable {
    public let family: CurveFamily
    /// The constant term (the asymptote of a saturating family).
    public let c: Double
    /// The amplitude of the shape term (negative for a rising saturating curve).
    public let a: Double
    /// The shape parameters, within ``CurveFamily/shapeBounds``.
    public let shape: [Double]
    /// The time unit: `u = (step + 1) / scale` (the prefix's last `step + 1`).
    public let scale: Double
    /// Weighted residual sum of squares over the fitted points.
    public let residualSumOfSquares: Double
    /// Number of (binned) points fitted.
    public let pointCount: Int
    /// The residual standard deviation of one original report around the fit.
    public let noise: Double
    /// Bayesian information criterion of the fit (lower is better).
    public let bic: Double
    /// Covariance of `(c, a, z…)`, the shape parameters in their unbounded coordinates.
    let covariance: [Double]
    /// The unbounded coordinates of the shape parameters.
    let z: [Double]

    /// The fitted curve's value at `step`.
    public func value(atStep step: Double) -> Double {
        let u = (step + 1) / scale
        return c + a * family.basis(u, scale: scale, shape.first ?? 0, shape.count > 1 ? shape[1] : 0)
    }

    /// The prediction of the curve's mean at `step` with its standard deviation from the parameter
    /// uncertainty (delta method); the noise of a single report is ``noise``.
    public func prediction(atStep step: Double) -> (mean: Double, sd: Double) {
        let mean = value(atStep: step)
        let p = family.parameterCount
        var gradient = [Double](repeating: 0, count: p)
        let u = (step + 1) / scale
        gradient[0] = 1
        gradient[1] = family.basis(u, scale: scale, shape.first ?? 0, shape.count > 1 ? shape[1] : 0)
        for j in 0..<family.shapeCount {
            gradient[2 + j] = a * ShapeCoordinates.derivative(family, j, z, u: u, scale: scale)
        }
        var variance = 0.0
        for i in 0..<p {
            for j in 0..<p { variance += gradient[i] * covariance[i * p + j] * gradient[j] }
        }
        return (mean, variance.isFinite && variance > 0 ? variance.squareRoot() : 0)
    }
}

/// Bounded shape parameters as unbounded coordinates: `θ = lo · (hi/lo)^sigmoid(z)`.
enum ShapeCoordinates {
    @inline(__always)
    static func value(_ z: Double, _ bounds: ClosedRange<Double>) -> Double {
        let s = 1 / (1 + Foundation.exp(-z))
        return bounds.lowerBound * Foundation.pow(bounds.upperBound / bounds.lowerBound, s)
    }

    /// The shape parameters for coordinates `z`.
    static func shape(_ family: CurveFamily, _ z: [Double]) -> (Double, Double) {
        let b = family.shapeBounds
        let t0 = b.count > 0 ? value(z[0], b[0]) : 0
        let t1 = b.count > 1 ? value(z[1], b[1]) : 0
        return (t0, t1)
    }

    /// ∂g/∂z_j at `u`, by central differences.
    static func derivative(_ family: CurveFamily, _ j: Int, _ z: [Double], u: Double, scale: Double) -> Double {
        let h = 1e-5
        var zp = z
        var zm = z
        zp[j] += h
        zm[j] -= h
        let (p0, p1) = shape(family, zp)
        let (m0, m1) = shape(family, zm)
        return (family.basis(u, scale: scale, p0, p1) - family.basis(u, scale: scale, m0, m1)) / (2 * h)
    }
}
