import Foundation

/// The one-sided Wilcoxon signed-rank test on paired differences, computed as SciPy 1.17's
/// `scipy.stats.wilcoxon(d, alternative=..., zero_method="zsplit")` computes it (no continuity
/// correction, its default):
///
/// - The statistic `r_plus` is the sum of the ranks of `|d|` (average ranks for ties) over the
///   positive differences, plus half the ranks of the zero differences ("zsplit").
/// - More than 50 differences: normal approximation with tie correction,
///   `z = (r_plus - n(n+1)/4) / sqrt((n(n+1)(2n+1) - Σ(t³ - t)/2) / 24)`.
/// - Otherwise, without ties or zeros: the exact distribution of `r_plus`.
/// - Otherwise, 13 differences or fewer: the exact permutation test over all `2^n` sign flips
///   (SciPy's `PermutationMethod`, which enumerates them all at this size).
/// - Otherwise: the normal approximation.
///
/// The exact and permutation p-values are counts over `2^n`, identical to SciPy's bit for bit. The
/// normal approximation uses the platform's `erfc`, which can differ from SciPy's Cephes `ndtr` in
/// the last few bits (relative difference below 1e-13).
public enum WilcoxonSignedRank {
    /// What the test looks for: `less`, the differences tend to be negative; `greater`, positive.
    public enum Alternative: String, Sendable, Hashable {
        case less
        case greater
    }

    /// How the p-value was computed.
    public enum Method: String, Sendable, Hashable {
        case exact
        case permutation
        case normal
    }

    /// A test's outcome.
    public struct Result: Sendable, Hashable {
        /// Sum of the ranks of the positive differences, plus half of the zero differences' ranks.
        public var statistic: Double
        public var pValue: Double
        public var method: Method

        public init(statistic: Double, pValue: Double, method: Method) {
            self.statistic = statistic
            self.pValue = pValue
            self.method = method
        }
    }

    /// Runs the test. Differences must be finite; an empty array or a NaN gives a NaN p-value.
    public static func test(_ differences: [Double], alternative: Alternative) -> Result {
        let n = differences.count
        guard n > 0, !differences.contains(where: \.isNaN) else {
            return Result(statistic: .nan, pValue: .nan, method: .normal)
        }
        let magnitudes = differences.map { Swift.abs($0) }
        let order = magnitudes.indices.sorted { magnitudes[$0] < magnitudes[$1] }
        // Twice the average rank of each difference: first + last 1-based position of its tie group.
        var doubledRank = [Int](repeating: 0, count: n)
        var tieCorrection = 0.0
        var hasTies = false
        var start = 0
        while start < n {
            var end = start
            while end + 1 < n, magnitudes[order[end + 1]] == magnitudes[order[start]] { end += 1 }
            for k in start...end { doubledRank[order[k]] = start + end + 2 }
            let t = Double(end - start + 1)
            tieCorrection += t * t * t - t
            if end > start { hasTies = true }
            start = end + 1
        }

        var positive = 0  // doubled ranks of the positive differences
        var zero = 0  // doubled ranks of the zero differences
        var weights: [Int] = []  // doubled ranks of the non-zero differences
        for (d, r) in zip(differences, doubledRank) {
            if d == 0 {
                zero += r
            } else {
                weights.append(r)
                if d > 0 { positive += r }
            }
        }
        let statistic = Double(positive) / 2 + Double(zero) / 4
        let zeros = n - weights.count

        if n <= 50, !hasTies, zeros == 0 {
            return Result(statistic: statistic, pValue: signFlipPValue(weights, observed: positive, alternative), method: .exact)
        }
        if n > 13 {
            let count = Double(n)
            let mean = count * (count + 1) * 0.25
            let variance = count * (count + 1) * (2 * count + 1)
            let se = ((variance - tieCorrection / 2) / 24).squareRoot()
            let z = (statistic - mean) / se
            let p = alternative == .less ? normalCDF(z) : normalCDF(-z)
            return Result(statistic: statistic, pValue: p, method: .normal)
        }
        // The zero differences add the same amount under every sign flip, so they cancel out.
        return Result(statistic: statistic, pValue: signFlipPValue(weights, observed: positive, alternative), method: .permutation)
    }

    /// The share of the `2^m` sign assignments of the weights whose positive sum is at most
    /// (`less`) or at least (`greater`) `observed`. Exact: a count over a power of two.
    static func signFlipPValue(_ weights: [Int], observed: Int, _ alternative: Alternative) -> Double {
        let total = weights.reduce(0, +)
        var ways = [UInt64](repeating: 0, count: total + 1)
        ways[0] = 1
        var reach = 0
        for w in weights {
            var s = reach
            while s >= 0 {
                if ways[s] != 0 { ways[s + w] &+= ways[s] }
                s -= 1
            }
            reach += w
        }
        var count: UInt64 = 0
        switch alternative {
        case .less: for s in 0...Swift.min(observed, total) { count &+= ways[s] }
        case .greater: if observed <= total { for s in observed...total { count &+= ways[s] } }
        }
        return Double(count) / Foundation.pow(2, Double(weights.count))
    }

    /// The standard normal distribution function, arranged like Cephes' `ndtr`.
    static func normalCDF(_ a: Double) -> Double {
        if a.isNaN { return .nan }
        let x = a * 0.707_106_781_186_547_6
        let z = Swift.abs(x)
        if z < 1 { return 0.5 + 0.5 * Foundation.erf(x) }
        let y = 0.5 * Foundation.erfc(z)
        return x > 0 ? 1 - y : y
    }
}
