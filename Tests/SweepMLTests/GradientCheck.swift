@testable import SweepML

/// Central finite differences and the relative errors the gradient tests compare against.
enum GradientCheck {
    /// `(f(θ + h e_i) - f(θ - h e_i)) / 2h` for every coordinate.
    static func numerical(_ parameters: [Double], step h: Double = 1e-5, loss: ([Double]) -> Double) -> [Double] {
        var theta = parameters
        var result = [Double](repeating: 0, count: parameters.count)
        for i in parameters.indices {
            let original = theta[i]
            theta[i] = original + h
            let plus = loss(theta)
            theta[i] = original - h
            let minus = loss(theta)
            theta[i] = original
            result[i] = (plus - minus) / (2 * h)
        }
        return result
    }

    /// The largest entrywise relative error `|a - n| / max(|a| + |n|, floor)`.
    static func maxRelativeError(_ analytic: [Double], _ numeric: [Double], floor: Double = 1e-6) -> Double {
        precondition(analytic.count == numeric.count)
        var worst = 0.0
        for i in analytic.indices {
            let a = analytic[i], n = numeric[i]
            worst = max(worst, abs(a - n) / max(abs(a) + abs(n), floor))
        }
        return worst
    }

    /// A vector of standard normal draws.
    static func gaussian(_ count: Int, _ rng: inout RandomGenerator) -> [Double] {
        (0..<count).map { _ in rng.nextGaussian() }
    }
}
