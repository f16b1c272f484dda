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
    /// Discrete dimensions: the distinct (centre, width) pairs of the kernels, so that the mass of
    /// a candidate's interval is computed once per pair. `pairOf[d * kernelCount + k]` is kernel
    /// k's pair, numbered from `pairStart[d]` in `pairMus` and `pairInverseSigmas`.
    private var pairOf: [Int32]
    private var pairStart: [Int]
    private var pairMus: [Double]
    private var pairInverseSigmas: [Double]

    /// Builds the estimator from `count` observations given column-major
    /// (`observations[d * count + i]`, internal representation), with one weight per observation.
    ///
    /// When every dimension is discrete or categorical, kernels that coincide (same centre and
    /// width in every dimension, or same observed choice) are merged into one carrying their
    /// summed weight: the mixture is exactly the same, and a study with 10,000 trials of a few
    /// distinct values evaluates a few dozen kernels instead of 10,000.
    init(
        observations: [Double], count n: Int, weights observationWeights: [Double], dimensions: [ParzenDimension],
        options: ParzenOptions
    ) {
        self.dimensions = dimensions
        let dimensionCount = dimensions.count
        var k = n + 1

        // Mixture weights: the observations' weights and the prior's (the last kernel).
        var weights = [Double](repeating: 0, count: k)
        if n == 0 {
            weights[0] = 1
        } else {
            for i in 0..<n { weights[i] = observationWeights[i] }
            weights[n] = options.priorWeight
        }

        // Kernel centres and widths (numeric dimensions), observed choices (categorical ones,
        // -1 for the prior), column-major.
        var mus = [Double](repeating: 0, count: dimensionCount * k)
        var sigmas = [Double](repeating: 1, count: dimensionCount * k)
        var order: [Int32] = []
        order.reserveCapacity(n)
        var sorted = [Double](repeating: 0, count: n + 2)
        for (d, dim) in dimensions.enumerated() {
            let column = d * n
            let offset = d * k
            if dim.kind == .categorical {
                for i in 0..<n { mus[offset + i] = observations[column + i] }
                mus[offset + n] = -1
                continue
            }
            let lo = dim.lo
            let hi = dim.hi
            let range = hi - lo
            for i in 0..<n { mus[offset + i] = dim.transform(observations[column + i]) }
            mus[offset + n] = 0.5 * (lo + hi)
            sigmas[offset + n] = range
            guard n > 0 else { continue }
            // Kernel i is as wide as the larger gap to its neighbours among the sorted centres
            // (the range's ends count as neighbours only with `considerEndpoints`).
            mus.withUnsafeBufferPointer { m in
                sortedOrder(UnsafeBufferPointer(rebasing: m[offset..<offset + n]), into: &order)
            }
            sorted[0] = lo
            for i in 0..<n { sorted[i + 1] = mus[offset + Int(order[i])] }
            sorted[n + 1] = hi
            let minSigma = options.considerMagicClip ? range / min(100, 1 + Double(k)) : 1e-12
            for r in 0..<n {
                var s = max(sorted[r + 1] - sorted[r], sorted[r + 2] - sorted[r + 1])
                if !options.considerEndpoints && n >= 2 {
                    if r == 0 { s = sorted[2] - sorted[1] }
                    if r == n - 1 { s = sorted[n] - sorted[n - 1] }
                }
                sigmas[offset + Int(order[r])] = min(max(s, minSigma), range)
            }
        }
        // The categorical kernels' floor depends on the number of kernels before any merging.
        let categoricalFloor = n == 0 ? 0 : options.priorWeight / Double(n + 1)

        if k > 32 && dimensions.allSatisfy({ $0.kind != .continuous }) {
            Self.mergeCoinciding(&k, &weights, &mus, &sigmas, dimensionCount)
        }
        kernelCount = k

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

        inverseSigmas = [Double](repeating: 1, count: dimensionCount * k)
        categoricalOffsets = [Int](repeating: 0, count: dimensionCount)
        probabilities = []
        for (d, dim) in dimensions.enumerated() {
            let offset = d * k
            if dim.kind == .categorical {
                // Each observation's kernel puts 1 + floor on its choice and floor on the others;
                // the prior's is uniform (empty when the prior weighs nothing).
                categoricalOffsets[d] = probabilities.count
                let c = dim.choices
                probabilities.reserveCapacity(probabilities.count + k * c)
                let rowSum = categoricalFloor * Double(c) + 1
                for i in 0..<k {
                    let chosen = Int(mus[offset + i])
                    if n == 0 {
                        probabilities.append(contentsOf: repeatElement(1 / Double(c), count: c))
                    } else if chosen < 0 {
                        probabilities.append(contentsOf: repeatElement(categoricalFloor > 0 ? 1 / Double(c) : 0, count: c))
                    } else {
                        for j in 0..<c { probabilities.append(((j == chosen ? 1 : 0) + categoricalFloor) / rowSum) }
                    }
                }
                continue
            }
            let lo = dim.lo
            let hi = dim.hi
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
        self.mus = mus
        self.sigmas = sigmas
        logProbabilities = probabilities.map { Foundation.log($0) }

        pairOf = [Int32](repeating: 0, count: dimensionCount * k)
        pairStart = [Int](repeating: 0, count: dimensionCount + 1)
        pairMus = []
        pairInverseSigmas = []
        var byPair = Array(0..<k)
        for (d, dim) in dimensions.enumerated() {
            pairStart[d] = pairMus.count
            guard dim.kind == .discrete else { continue }
            let offset = d * k
            for i in 0..<k { byPair[i] = i }
            byPair.sort { a, b in
                let (x, y) = (mus[offset + a], mus[offset + b])
                return x < y || (x == y && sigmas[offset + a] < sigmas[offset + b])
            }
            var previous = -1
            for i in byPair {
                if previous < 0 || mus[offset + i] != mus[offset + previous] || sigmas[offset + i] != sigmas[offset + previous] {
                    pairMus.append(mus[offset + i])
                    pairInverseSigmas.append(inverseSigmas[offset + i])
                }
                pairOf[offset + i] = Int32(pairMus.count - 1 - pairStart[d])
                previous = i
            }
        }
        pairStart[dimensionCount] = pairMus.count
    }

    /// Merges kernels equal in every dimension (centre and width, or observed choice), summing
    /// their weights; the merged kernels keep the order of their first member.
    private static func mergeCoinciding(
        _ k: inout Int, _ weights: inout [Double], _ mus: inout [Double], _ sigmas: inout [Double], _ dimensionCount: Int
    ) {
        let count = k
        func same(_ a: Int, _ b: Int) -> Bool {
            for d in 0..<dimensionCount {
                let o = d * count
                if mus[o + a] != mus[o + b] || sigmas[o + a] != sigmas[o + b] { return false }
            }
            return true
        }
        var order = Array(0..<count)
        order.sort { a, b in
            for d in 0..<dimensionCount {
                let o = d * count
                if mus[o + a] != mus[o + b] { return mus[o + a] < mus[o + b] }
                if sigmas[o + a] != sigmas[o + b] { return sigmas[o + a] < sigmas[o + b] }
            }
            return a < b
        }
        // Representative (first member) of each group, and the group's summed weight.
        var representative = [Int](repeating: -1, count: count)
        var summed = [Double](repeating: 0, count: count)
        var start = 0
        while start < count {
            var end = start + 1
            while end < count && same(order[start], order[end]) { end += 1 }
            let head = order[start]
            representative[head] = head
            for r in start..<end { summed[head] += weights[order[r]] }
            start = end
        }
        let kept = (0..<count).filter { representative[$0] == $0 }
        guard kept.count < count else { return }
        let merged = kept.count
        var newMus = [Double](repeating: 0, count: dimensionCount * merged)
        var newSigmas = [Double](repeating: 1, count: dimensionCount * merged)
        for d in 0..<dimensionCount {
            for (j, i) in kept.enumerated() {
                newMus[d * merged + j] = mus[d * count + i]
                newSigmas[d * merged + j] = sigmas[d * count + i]
            }
        }
        weights = kept.map { summed[$0] }
        mus = newMus
        sigmas = newSigmas
        k = merged
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
        var table = [Double](repeating: 0, count: pairStart.indices.dropFirst().map { pairStart[$0] - pairStart[$0 - 1] }.max() ?? 0)
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
                                        // The interval's mass under each distinct kernel shape, then per kernel.
                                        let left = dim.transform(x - dim.step / 2)
                                        let right = dim.transform(x + dim.step / 2)
                                        let first = pairStart[d]
                                        let pairs = pairStart[d + 1] - first
                                        for p in 0..<pairs {
                                            let mu = pairMus[first + p]
                                            let s = pairInverseSigmas[first + p]
                                            table[p] = Gaussian.logMass((left - mu) * s, (right - mu) * s)
                                        }
                                        for i in 0..<k { acc[i] += table[Int(pairOf[offset + i])] }
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
