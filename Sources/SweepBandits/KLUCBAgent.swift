import Foundation
import SweepML

/// KL-UCB for Bernoulli rewards (Garivier & Cappé 2011): pulls every arm once, then the arm with
/// the largest index u_a = max{q ∈ [x̄_a, 1] : n_a · kl(x̄_a, q) ≤ ln t + c · ln ln t}, where kl is
/// the Bernoulli Kullback–Leibler divergence. c = 0 is the variant the paper recommends in
/// practice. Rewards are clipped to [0, 1].
public struct KLUCBAgent: BanditAgent {
    /// The constant c ≥ 0 of the exploration budget.
    public let c: Double
    var sums: [Double] = []
    var counts: [Double] = []
    var means: [Double] = []
    var entropies: [Double] = []
    var pulls = 0

    /// A KL-UCB agent.
    public init(c: Double = 0) {
        precondition(c >= 0, "c must be non-negative")
        self.c = c
    }

    public mutating func reset(arms: Int, contextDimension: Int) {
        sums = [Double](repeating: 0, count: arms)
        counts = [Double](repeating: 0, count: arms)
        means = [Double](repeating: 0, count: arms)
        entropies = [Double](repeating: 0, count: arms)
        pulls = 0
    }

    public mutating func selectArm(step: Int, context: [Double], using rng: inout RandomGenerator) -> Int {
        let arms = counts.count
        if pulls < arms { return pulls }
        let t = Double(pulls)
        let budget = max(0, log(t) + (c > 0 && t > 1 ? c * log(max(log(t), 1e-300)) : 0))
        // Branch and bound: start from the arm with the best mean; skip an arm whose starting
        // upper bound (see `index`) cannot beat the best index so far. Same choice as scanning all.
        var best = 0
        for a in 1..<arms where means[a] > means[best] { best = a }
        var bestIndex = Self.index(mean: means[best], bound: budget / counts[best], entropy: entropies[best])
        for a in 0..<arms where a != best {
            let bound = budget / counts[a]
            if Self.upperBound(mean: means[a], bound: bound, entropy: entropies[a]) < bestIndex { continue }
            let index = Self.index(mean: means[a], bound: bound, entropy: entropies[a])
            if index > bestIndex || (index == bestIndex && a < best) {
                bestIndex = index
                best = a
            }
        }
        return best
    }

    public mutating func update(arm: Int, reward: Double, context: [Double]) {
        sums[arm] += min(1, max(0, reward))
        counts[arm] += 1
        pulls &+= 1
        let p = sums[arm] / counts[arm]
        means[arm] = p
        entropies[arm] = Self.negativeEntropy(p)
    }

    /// The Bernoulli KL divergence kl(p, q) = p ln(p/q) + (1 − p) ln((1 − p)/(1 − q)), with
    /// 0 ln 0 = 0.
    public static func bernoulliKL(_ p: Double, _ q: Double) -> Double {
        let eps = 1e-15
        let q = min(max(q, eps), 1 - eps)
        var kl = 0.0
        if p > 0 { kl += p * log(p / q) }
        if p < 1 { kl += (1 - p) * log((1 - p) / (1 - q)) }
        return kl
    }

    /// p ln p + (1 − p) ln(1 − p), with 0 ln 0 = 0.
    static func negativeEntropy(_ p: Double) -> Double {
        (p > 0 ? p * log(p) : 0) + (p < 1 ? (1 - p) * log(1 - p) : 0)
    }

    /// An upper bound of the index, below 1 for p < 1: the smaller of a refined Pinsker bound,
    /// kl(p, q) ≥ (q − p)² / (2v) with v the largest r(1 − r) over r in [p, q] (so q ≤ p + √(2·bound·v)),
    /// and the bound from kl(p, q) ≥ p ln p + (1 − p) ln((1 − p)/(1 − q)), which gives
    /// q ≤ 1 − (1 − p) · exp(−(bound − p ln p)/(1 − p)).
    @inline(__always)
    static func upperBound(mean p: Double, bound: Double, entropy: Double) -> Double {
        let pinsker = p + (bound / 2).squareRoot()
        let variance = p >= 0.5 ? p * (1 - p) : (pinsker <= 0.5 ? pinsker * (1 - pinsker) : 0.25)
        let refined = p + (2 * bound * variance).squareRoot()
        guard refined > 0.9, p < 1 else { return refined }
        let pLogP = p > 0 ? p * log(p) : 0
        return min(refined, 1 - (1 - p) * exp(-(bound - pLogP) / (1 - p)))
    }

    /// The largest q in [mean, 1] with kl(mean, q) ≤ bound, to within 1e-6.
    ///
    /// Newton's method from `upperBound`. kl(p, ·) is convex and increasing above p, so the
    /// iterates decrease monotonically to the root; they stop when a step is below 1e-8 (the
    /// convergence is quadratic by then), and a bisection bracket guards them.
    public static func index(mean p: Double, bound: Double) -> Double {
        index(mean: p, bound: bound, entropy: negativeEntropy(p))
    }

    static func index(mean p: Double, bound: Double, entropy: Double) -> Double {
        if bound <= 0 { return p }
        if p >= 1 { return 1 }
        if p <= 0 { return -expm1(-bound) }
        var lo = p
        var hi = upperBound(mean: p, bound: bound, entropy: entropy)
        if hi >= 1 { hi = 1 - 1e-12 }
        var q = hi
        for _ in 0..<100 {
            let f = entropy - p * log(q) - (1 - p) * log(1 - q) - bound
            if f > 0 { hi = q } else { lo = q }
            if hi - lo < 1e-7 { break }
            let derivative = (q - p) / (q * (1 - q))
            var next = q - f / derivative
            if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
            if abs(next - q) < 1e-8 {
                q = next
                break
            }
            q = next
        }
        return q
    }
}
