import Foundation
import SweepCore

/// One dimension of a Parzen estimator, read from a distribution: continuous (optionally in log
/// space), discrete (stepped floats and ints, optionally in log space) or categorical.
struct ParzenDimension: Sendable {
    enum Kind: Sendable { case continuous, discrete, categorical }
    let kind: Kind
    /// The range in the value space (internal representation).
    let low: Double
    let high: Double
    /// The grid step of discrete dimensions (0 otherwise).
    let step: Double
    let log: Bool
    /// The range the kernels are truncated to, in the transformed space: widened by half a step
    /// for discrete dimensions, then logged for log dimensions (Optuna's convention).
    let lo: Double
    let hi: Double
    /// Number of choices of a categorical dimension.
    let choices: Int

    init(_ distribution: Distribution) {
        switch distribution {
        case .float(let d):
            self.init(numeric: d.low, d.high, step: d.step ?? 0, log: d.log)
        case .int(let d):
            self.init(numeric: Double(d.low), Double(d.high), step: Double(d.step), log: d.log)
        case .categorical(let d):
            let c = d.choices.count
            self.init(kind: .categorical, low: 0, high: Double(c - 1), step: 1, log: false, lo: 0, hi: 0, choices: c)
        }
    }

    private init(numeric low: Double, _ high: Double, step: Double, log: Bool) {
        var lo = low - step / 2
        var hi = high + step / 2
        if log {
            lo = Foundation.log(lo)
            hi = Foundation.log(hi)
        }
        self.init(
            kind: step > 0 ? .discrete : .continuous, low: low, high: high, step: step, log: log, lo: lo, hi: hi,
            choices: 0)
    }

    private init(
        kind: Kind, low: Double, high: Double, step: Double, log: Bool, lo: Double, hi: Double, choices: Int
    ) {
        self.kind = kind
        self.low = low
        self.high = high
        self.step = step
        self.log = log
        self.lo = lo
        self.hi = hi
        self.choices = choices
    }

    /// A value mapped into the space the kernels live in.
    @inline(__always)
    func transform(_ x: Double) -> Double { log ? Foundation.log(x) : x }

    /// A draw from the transformed space mapped back to a valid value: exponentiated for log
    /// dimensions, then snapped to the step grid or clipped into the range.
    @inline(__always)
    func untransform(_ t: Double) -> Double {
        let x = log ? Foundation.exp(t) : t
        if kind == .discrete {
            return min(max(low + ((x - low) / step).rounded() * step, low), high)
        }
        return min(max(x, low), high)
    }
}

/// What shapes the kernels: Optuna's `prior_weight`, `consider_magic_clip` and
/// `consider_endpoints`.
struct ParzenOptions: Sendable, Hashable {
    var priorWeight = 1.0
    var considerMagicClip = true
    var considerEndpoints = false
}

/// A mixture of products of truncated Gaussians (numeric dimensions) and categorical
/// distributions: one kernel per observation plus a prior kernel, as in Optuna's TPE.
///
/// Storage is column-major and contiguous (`mus[d * kernelCount + k]`); the per-kernel constants
/// of the log density (weight, Gaussian normaliser, truncation mass) are folded into one array
/// when the estimator is built, so evaluating a point costs one pass over the kernels.
struct ParzenEstimator {
    let dimensions: [ParzenDimension]
    let kernelCount: Int
    /// Cumulative mixture weights, for choosing a kernel.
    private var cumulative: [Double]
    /// Per kernel: log weight minus the log normalisers of every numeric dimension.
    private var base: [Double]
    private var mus: [Double]
    private var sigmas: [Double]
    private var inverseSigmas: [Double]
    /// Per categorical dimension: its offset into `probabilities` (rows of `choices` per kernel).
    private var categoricalOffsets: [Int]
    private var probabilities: [Double]
    private var logProbabilities: [Double]

    /// Builds the estimator from `count` observations given column-major
    /// (`observations[d * count + i]`, internal representation), with one weight per observation.
    init(
        observations: [Double], count n: Int, weights observationWeights: [Double], dimensions: [ParzenDimension],
        options: ParzenOptions
    ) {
        self.dimensions = dimensions
        let k = n + 1
        kernelCount = k
        let dimensionCount = dimensions.count

        // Mixture weights: the observations' weights and the prior's, normalised.
        var weights = [Double](repeating: 0, count: k)
        if n == 0 {
            weights[0] = 1
        } else {
            for i in 0..<n { weights[i] = observationWeights[i] }
            weights[n] = options.priorWeight
        }
        let total = weights.reduce(0, +)
        var running = 0.0
        cumulative = [Double](repeating: 0, count: k)
        base = [Double](repeating: 0, count: k)
        for i in 0..<k {
            let w = weights[i] / total
            running += w
            cumulative[i] = running
            base[i] = Foundation.log(w)
        }
        cumulative[k - 1] = max(running, 1)

        mus = [Double](repeating: 0, count: dimensionCount * k)
        sigmas = [Double](repeating: 1, count: dimensionCount * k)
        inverseSigmas = [Double](repeating: 1, count: dimensionCount * k)
        categoricalOffsets = [Int](repeating: 0, count: dimensionCount)
        probabilities = []
        logProbabilities = []

        var order = [(mu: Double, index: Int)]()
        order.reserveCapacity(n)
        var sorted = [Double](repeating: 0, count: n + 2)
        for (d, dim) in dimensions.enumerated() {
            let column = d * n
            let offset = d * k
            if dim.kind == .categorical {
                categoricalOffsets[d] = probabilities.count
                let c = dim.choices
                probabilities.reserveCapacity(probabilities.count + k * c)
                if n == 0 {
                    probabilities.append(contentsOf: repeatElement(1 / Double(c), count: c))
                } else {
                    let floor = options.priorWeight / Double(k)
                    let rowSum = floor * Double(c) + 1
                    for i in 0..<n {
                        let chosen = Int(observations[column + i])
                        for j in 0..<c { probabilities.append(((j == chosen ? 1 : 0) + floor) / rowSum) }
                    }
                    let prior = floor > 0 ? 1 / Double(c) : 0
                    probabilities.append(contentsOf: repeatElement(prior, count: c))
                }
                continue
            }

            // Numeric: kernel i sits on observation i with a width set by its neighbours.
            let lo = dim.lo
            let hi = dim.hi
            let range = hi - lo
            for i in 0..<n { mus[offset + i] = dim.transform(observations[column + i]) }
            mus[offset + n] = 0.5 * (lo + hi)
            sigmas[offset + n] = range
            if n > 0 {
                order.removeAll(keepingCapacity: true)
                for i in 0..<n { order.append((mus[offset + i], i)) }
                order.sort { a, b in a.mu < b.mu || (a.mu == b.mu && a.index < b.index) }
                sorted[0] = lo
                for i in 0..<n { sorted[i + 1] = order[i].mu }
                sorted[n + 1] = hi
                let minSigma = options.considerMagicClip ? range / min(100, 1 + Double(k)) : 1e-12
                for r in 0..<n {
                    var s = max(sorted[r + 1] - sorted[r], sorted[r + 2] - sorted[r + 1])
                    if !options.considerEndpoints && n >= 2 {
                        if r == 0 { s = sorted[2] - sorted[1] }
                        if r == n - 1 { s = sorted[n] - sorted[n - 1] }
                    }
                    sigmas[offset + order[r].index] = min(max(s, minSigma), range)
                }
            }
            for i in 0..<k {
                let mu = mus[offset + i]
                let sigma = sigmas[offset + i]
                let inv = 1 / sigma
                inverseSigmas[offset + i] = inv
                let mass = Gaussian.logMass((lo - mu) * inv, (hi - mu) * inv)
                if dim.kind == .continuous {
                    base[i] -= mass + Foundation.log(sigma) + Gaussian.logSqrt2Pi
                } else {
                    base[i] -= mass
                }
            }
        }
        logProbabilities = probabilities.map { Foundation.log($0) }
    }

    /// Draws `count` points (row-major, `count × dimensions.count`, internal representation)
    /// into `out`.
    func sample(count: Int, into out: inout [Double], using rng: inout some RandomNumberGenerator) {
        let dimensionCount = dimensions.count
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(count * dimensionCount)
        for _ in 0..<count {
            let k = kernel(at: rng.nextUnit())
            for (d, dim) in dimensions.enumerated() {
                let u = rng.nextUnit()
                if dim.kind == .categorical {
                    let row = categoricalOffsets[d] + k * dim.choices
                    var acc = 0.0
                    var chosen = dim.choices - 1
                    for j in 0..<dim.choices {
                        acc += probabilities[row + j]
                        if u < acc {
                            chosen = j
                            break
                        }
                    }
                    out.append(Double(chosen))
                } else {
                    let i = d * kernelCount + k
                    let mu = mus[i]
                    let sigma = sigmas[i]
                    let inv = inverseSigmas[i]
                    let z = Gaussian.truncatedDraw((dim.lo - mu) * inv, (dim.hi - mu) * inv, u: u)
                    out.append(dim.untransform(mu + sigma * z))
                }
            }
        }
    }

    /// The first kernel whose cumulative weight exceeds `u`.
    private func kernel(at u: Double) -> Int {
        var lo = 0
        var hi = kernelCount - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// The log density (log probability mass for discrete and categorical dimensions) of each of
    /// `count` row-major points, written to `out`. `scratch` is reused between calls.
    func logDensity(_ points: [Double], count: Int, into out: inout [Double], scratch: inout [Double]) {
        let k = kernelCount
        let dimensionCount = dimensions.count
        out.removeAll(keepingCapacity: true)
        if scratch.count < k { scratch = [Double](repeating: 0, count: k) }
        base.withUnsafeBufferPointer { base in
            mus.withUnsafeBufferPointer { mus in
                inverseSigmas.withUnsafeBufferPointer { inv in
                    logProbabilities.withUnsafeBufferPointer { logP in
                        scratch.withUnsafeMutableBufferPointer { acc in
                            for n in 0..<count {
                                for i in 0..<k { acc[i] = base[i] }
                                for (d, dim) in dimensions.enumerated() {
                                    let x = points[n * dimensionCount + d]
                                    let offset = d * k
                                    switch dim.kind {
                                    case .continuous:
                                        let t = dim.transform(x)
                                        for i in 0..<k {
                                            let z = (t - mus[offset + i]) * inv[offset + i]
                                            acc[i] -= 0.5 * z * z
                                        }
                                    case .discrete:
                                        let left = dim.transform(x - dim.step / 2)
                                        let right = dim.transform(x + dim.step / 2)
                                        for i in 0..<k {
                                            let mu = mus[offset + i]
                                            let s = inv[offset + i]
                                            acc[i] += Gaussian.logMass((left - mu) * s, (right - mu) * s)
                                        }
                                    case .categorical:
                                        let row = categoricalOffsets[d] + Int(x)
                                        let c = dim.choices
                                        for i in 0..<k { acc[i] += logP[row + i * c] }
                                    }
                                }
                                out.append(Self.logSumExp(UnsafeBufferPointer(rebasing: acc[0..<k])))
                            }
                        }
                    }
                }
            }
        }
    }

    /// log Σ exp(vᵢ), skipping terms too small to change the sum.
    @inline(__always)
    static func logSumExp(_ values: UnsafeBufferPointer<Double>) -> Double {
        var m = -Double.infinity
        for v in values where v > m { m = v }
        guard m.isFinite else { return m }
        var sum = 0.0
        let cutoff = m - 40
        for v in values where v > cutoff { sum += Foundation.exp(v - m) }
        return m + Foundation.log(sum)
    }
}
