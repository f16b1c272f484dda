import Foundation

/// A prediction of a curve's value at a future step.
public struct CurvePrediction: Sendable, Hashable {
    /// The predicted mean of the curve at the step.
    public var mean: Double
    /// Standard deviation of that mean: the fits' own parameter uncertainty and the spread
    /// between the families, combined.
    public var sd: Double
    /// Standard deviation of a single report around the curve (the residual noise).
    public var noise: Double

    public init(mean: Double, sd: Double, noise: Double) {
        self.mean = mean
        self.sd = sd
        self.noise = noise
    }

    /// The standard deviation of one report at the step: `√(sd² + noise²)`.
    public var reportSD: Double { (sd * sd + noise * noise).squareRoot() }
}

/// Several families fitted to the same prefix, weighed by fit quality.
///
/// Weights are `prior · exp(−ΔBIC / (2 · temperature))`; a temperature above 1 spreads the weight
/// over more families, which widens the between-family spread. The ensemble's prediction is the
/// weighted mean; its variance is the weighted within-family variance plus the weighted
/// between-family variance of the means.
public struct CurveEnsemble: Sendable, Hashable {
    public let fits: [CurveFit]
    /// One weight per fit, summing to 1.
    public let weights: [Double]

    public init(fits: [CurveFit], temperature: Double = 1) {
        self.fits = fits
        guard let bestBIC = fits.map(\.bic).min() else {
            weights = []
            return
        }
        let t = Swift.max(temperature, 1e-6)
        let raw = fits.map { $0.family.priorWeight * Foundation.exp(-($0.bic - bestBIC) / (2 * t)) }
        let total = raw.reduce(0, +)
        weights = raw.map { $0 / total }
    }

    public var isEmpty: Bool { fits.isEmpty }

    /// The ensemble's prediction at `step` (nil when no family could be fitted).
    public func prediction(atStep step: Double) -> CurvePrediction? {
        guard !fits.isEmpty else { return nil }
        var means: [Double] = []
        var within = 0.0
        var noise2 = 0.0
        var mean = 0.0
        for (fit, w) in zip(fits, weights) {
            let p = fit.prediction(atStep: step)
            means.append(p.mean)
            mean += w * p.mean
            within += w * p.sd * p.sd
            noise2 += w * fit.noise * fit.noise
        }
        var between = 0.0
        for (m, w) in zip(means, weights) { between += w * (m - mean) * (m - mean) }
        guard mean.isFinite else { return nil }
        let variance = within + between
        return CurvePrediction(mean: mean, sd: variance.isFinite ? variance.squareRoot() : .infinity, noise: noise2.squareRoot())
    }
}
