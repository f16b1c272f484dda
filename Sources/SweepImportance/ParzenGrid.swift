import Foundation
import SweepCore

/// A parameter's values counted on a grid, and the Parzen estimator PED-ANOVA fits to the counts
/// (Optuna's `scott_parzen_estimator.py`): one kernel per occupied grid point weighted by its
/// count, plus a prior kernel of weight 1.
struct ParzenGrid {
    /// Trials per grid point.
    var counts: [Int]
    /// The categorical distribution, when the grid is its choices.
    var isCategorical: Bool

    /// Counts `trials`' values of `name`: a categorical's choices, or at most `steps` evenly
    /// spaced points of a numeric range (in log space for `log`), fewer for a short int or step
    /// range.
    init(_ name: String, _ distribution: Distribution, _ trials: [ImportanceTrial], steps: Int) {
        switch distribution {
        case .categorical(let d):
            isCategorical = true
            counts = Array(repeating: 0, count: d.choices.count)
            for trial in trials {
                guard let i = trial.coordinate(name, on: distribution, logScale: false) else { continue }
                counts[Int(i)] += 1
            }
        case .float(let d):
            isCategorical = false
            let n = d.step.map { min(Int(((d.high - d.low) / $0).rounded(.toNearestOrEven)) + 1, steps) } ?? steps
            counts = Self.numericCounts(name, distribution, trials, steps: n, low: d.low, high: d.high, log: d.log)
        case .int(let d):
            isCategorical = false
            let n: Int
            if d.log {
                n = min(Int((Foundation.log(Double(d.high - d.low + 1)) / Foundation.log(2.0)).rounded(.up)) + 1, steps)
            } else {
                n = min(Int((Double(d.high - d.low) / Double(d.step)).rounded(.toNearestOrEven)) + 1, steps)
            }
            counts = Self.numericCounts(name, distribution, trials, steps: n, low: Double(d.low), high: Double(d.high), log: d.log)
        }
    }

    private static func numericCounts(
        _ name: String, _ distribution: Distribution, _ trials: [ImportanceTrial], steps: Int, low: Double, high: Double,
        log: Bool
    ) -> [Int] {
        let (lo, hi) = log ? (Foundation.log(low), Foundation.log(high)) : (low, high)
        let stepSize = (hi - lo) / Double(steps - 1)
        var counts = Array(repeating: 0, count: steps)
        for trial in trials {
            guard let v = trial.coordinate(name, on: distribution, logScale: true) else { continue }
            // Midpoint ties go to the lower point, as in Optuna.
            let raw = ((v - lo) / stepSize - 0.5).rounded(.up)
            let index = raw.isNaN ? 0 : Int(min(max(raw, 0), Double(steps - 1)))
            counts[index] += 1
        }
        return counts
    }

    /// The estimator's density at each grid point.
    func pdf(priorWeight: Double) -> [Double] {
        let observed = counts.indices.filter { counts[$0] > 0 }
        var weights = observed.map { Double(counts[$0]) }
        weights.append(priorWeight)
        if observed.isEmpty { weights = [1] }
        let total = weights.reduce(0, +)
        let logWeights = weights.map { Foundation.log($0 / total) }
        let kernels = isCategorical ? categoricalLogPdf(observed, priorWeight: priorWeight) : numericLogPdf(observed)
        return counts.indices.map { x in
            let terms = kernels.indices.map { kernels[$0][x] + logWeights[$0] }
            let top = terms.max() ?? 0
            let shift = top == -.infinity ? 0 : top
            return Foundation.exp(Foundation.log(terms.reduce(0) { $0 + Foundation.exp($1 - shift) }) + shift)
        }
    }

    /// log p_k(x) for each kernel k (rows) and grid point x: one row per observed choice and a
    /// prior row, each a point mass smoothed by the prior weight.
    private func categoricalLogPdf(_ observed: [Int], priorWeight: Double) -> [[Double]] {
        let choices = counts.count
        guard !observed.isEmpty else { return [Array(repeating: Foundation.log(1 / Double(choices)), count: choices)] }
        let kernels = observed.count + 1
        var rows = Array(repeating: Array(repeating: priorWeight / Double(kernels), count: choices), count: kernels)
        for (k, choice) in observed.enumerated() { rows[k][choice] += 1 }
        return rows.map { row in
            let sum = row.reduce(0, +)
            return row.map { Foundation.log($0 / (sum == 0 ? 1 : sum)) }
        }
    }

    /// log p_k(x) of discretised truncated normals on the grid 0…n−1 (step 1): kernels at the
    /// observed points with Scott's bandwidth, and a wide prior at the middle.
    private func numericLogPdf(_ observed: [Int]) -> [[Double]] {
        let low = 0.0
        let high = Double(counts.count - 1)
        var mus: [Double] = []
        var sigmas: [Double] = []
        if !observed.isEmpty {
            let sigma = max(scottBandwidth(observed), 0.5 / 1.64)
            mus = observed.map(Double.init)
            sigmas = Array(repeating: sigma, count: observed.count)
        }
        mus.append((low + high) / 2)
        sigmas.append(high - low + 1)
        return zip(mus, sigmas).map { mu, sigma in
            let norm = GaussMass.log((low - 0.5 - mu) / sigma, (high + 0.5 - mu) / sigma)
            return counts.indices.map { i in
                let x = Double(i)
                return GaussMass.log((x - 0.5 - mu) / sigma, (x + 0.5 - mu) / sigma) - norm
            }
        }
    }

    /// Scott's rule on the weighted observations: 1.059 · min(IQR / 1.34, σ) · n^−0.2.
    private func scottBandwidth(_ observed: [Int]) -> Double {
        let weights = observed.map { counts[$0] }
        var cumulative: [Int] = []
        var running = 0
        for w in weights {
            running += w
            cumulative.append(running)
        }
        let sum = running
        let dot = zip(observed, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let mean = Double(dot) / Double(sum)
        let squares = zip(observed, weights).reduce(0.0) { $0 + (Double($1.0) - mean) * (Double($1.0) - mean) * Double($1.1) }
        let sigma = (squares / Double(max(1, sum - 1))).squareRoot()
        // numpy's searchsorted: side left finds the first ≥, side right the first >.
        let q1 = cumulative.firstIndex { $0 >= sum / 4 } ?? cumulative.count
        let q3 = cumulative.firstIndex { $0 > sum * 3 / 4 } ?? cumulative.count
        let iqr = Double(observed[min(observed.count - 1, q3)] - observed[min(observed.count - 1, q1)])
        return 1.059 * min(iqr / 1.34, sigma) * Foundation.pow(Double(sum), -0.2)
    }
}
