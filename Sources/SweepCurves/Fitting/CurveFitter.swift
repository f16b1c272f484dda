import Foundation

/// Fits learning-curve families to a curve prefix by damped least squares.
///
/// Each family is `c + a · g(u; θ)`. For fixed shape parameters `θ` the best `c` and `a` are a
/// weighted linear least-squares solution, so only `θ` (0 to 2 numbers, bounded through a smooth
/// transform) is searched: a coarse grid of starts, then Levenberg–Marquardt with a numeric
/// Jacobian from the best starts (variable projection). Long prefixes are first averaged into at
/// most ``maxPoints`` bins, weighted by their sizes, which keeps a fit's cost bounded (well under a
/// millisecond per family for any prefix length) and its noise estimate per original report.
///
/// NaN and infinite values are skipped. A family is left out when there are fewer than
/// `parameterCount + 2` points or its fit is not finite.
public struct CurveFitter: Sendable, Hashable {
    /// The families fitted.
    public var families: [CurveFamily]
    /// Prefixes longer than this are averaged into this many bins (at least 8).
    public var maxPoints: Int
    /// Levenberg–Marquardt iterations per start.
    public var maxIterations: Int
    /// Starts refined by Levenberg–Marquardt (the best points of the grid).
    public var starts: Int

    public init(
        families: [CurveFamily] = CurveFamily.allCases, maxPoints: Int = 48, maxIterations: Int = 30, starts: Int = 2
    ) {
        self.families = families
        self.maxPoints = Swift.max(8, maxPoints)
        self.maxIterations = Swift.max(1, maxIterations)
        self.starts = Swift.max(1, starts)
    }

    /// Fits every family to `values` reported at `steps` (steps are 0-based; `x = step + 1`).
    public func fit(steps: [Double], values: [Double]) -> [CurveFit] {
        guard let data = FitData(steps: steps, values: values, maxPoints: maxPoints) else { return [] }
        return families.compactMap { fit($0, data) }
    }

    /// Fits one family (nil when there are too few points or the fit failed).
    public func fit(_ family: CurveFamily, steps: [Double], values: [Double]) -> CurveFit? {
        guard let data = FitData(steps: steps, values: values, maxPoints: maxPoints) else { return nil }
        return fit(family, data)
    }

    /// Fits every family and weighs them into an ensemble.
    public func ensemble(steps: [Double], values: [Double], temperature: Double = 1) -> CurveEnsemble {
        CurveEnsemble(fits: fit(steps: steps, values: values), temperature: temperature)
    }

    func fit(_ family: CurveFamily, _ data: FitData) -> CurveFit? {
        let k = family.shapeCount
        guard data.count >= family.parameterCount + 2 else { return nil }
        var problem = Projection(family: family, data: data)
        var z = [Double](repeating: 0, count: k)
        if k > 0 {
            var candidates: [(rss: Double, z: [Double])] = []
            for start in Self.grid(k) {
                let r = problem.rss(start)
                if r.isFinite { candidates.append((r, start)) }
            }
            candidates.sort { $0.rss < $1.rss }
            var best = (rss: Double.infinity, z: z)
            for start in candidates.prefix(starts) {
                let refined = levenbergMarquardt(&problem, from: start.z)
                if refined.rss < best.rss { best = refined }
            }
            guard best.rss.isFinite else { return nil }
            z = best.z
        }
        let (t0, t1) = ShapeCoordinates.shape(family, z)
        let (c, a, rss) = problem.solve(t0, t1)
        guard c.isFinite, a.isFinite, rss.isFinite else { return nil }
        let n = data.count
        let p = family.parameterCount
        let sigma2 = Swift.max(rss, 1e-300) / Double(n - p)
        let covariance = problem.covariance(z: z, c: c, a: a, sigma2: sigma2)
        let bic = Double(n) * Foundation.log(Swift.max(rss, 1e-300) / Double(n)) + Double(p) * Foundation.log(Double(n))
        return CurveFit(
            family: family, c: c, a: a, shape: Array([t0, t1].prefix(k)), scale: data.scale,
            residualSumOfSquares: rss, pointCount: n, noise: sigma2.squareRoot(), bic: bic, covariance: covariance, z: z)
    }

    /// The start grid in unbounded coordinates.
    static func grid(_ k: Int) -> [[Double]] {
        let levels: [Double] = [-2.2, -0.85, 0, 0.85, 2.2]
        if k == 1 { return levels.map { [$0] } }
        return levels.flatMap { a in levels.map { b in [a, b] } }
    }

    /// Levenberg–Marquardt on the projected residuals, from `start`.
    private func levenbergMarquardt(_ problem: inout Projection, from start: [Double]) -> (rss: Double, z: [Double]) {
        let k = start.count
        var z = start
        var residuals = problem.residuals(z)
        var rss = residuals.reduce(0) { $0 + $1 * $1 }
        var lambda = 1e-2
        let n = residuals.count
        var jacobian = [Double](repeating: 0, count: n * k)
        for _ in 0..<maxIterations {
            let h = 1e-6
            for j in 0..<k {
                var zj = z
                zj[j] += h
                let rj = problem.residuals(zj)
                for i in 0..<n { jacobian[i * k + j] = (rj[i] - residuals[i]) / h }
            }
            var jtj = [Double](repeating: 0, count: k * k)
            var jtr = [Double](repeating: 0, count: k)
            for i in 0..<n {
                for a in 0..<k {
                    jtr[a] += jacobian[i * k + a] * residuals[i]
                    for b in 0..<k { jtj[a * k + b] += jacobian[i * k + a] * jacobian[i * k + b] }
                }
            }
            var improved = false
            for _ in 0..<8 {
                var m = jtj
                for a in 0..<k { m[a * k + a] += lambda * Swift.max(jtj[a * k + a], 1e-12) + 1e-12 }
                guard let step = SmallLinearAlgebra.solve(m, jtr.map { -$0 }, k) else {
                    lambda *= 10
                    continue
                }
                let candidate = zip(z, step).map { Swift.min(12, Swift.max(-12, $0 + $1)) }
                let r = problem.residuals(candidate)
                let s = r.reduce(0) { $0 + $1 * $1 }
                if s.isFinite, s < rss {
                    let gain = rss - s
                    z = candidate
                    residuals = r
                    rss = s
                    lambda = Swift.max(lambda / 4, 1e-9)
                    improved = gain > 1e-10 * (rss + 1e-300)
                    break
                }
                lambda *= 6
            }
            if !improved { break }
        }
        return (rss, z)
    }
}

/// A prefix prepared for fitting: normalised times, values and weights (bin sizes).
struct FitData: Sendable, Hashable {
    var u: [Double]
    var y: [Double]
    var w: [Double]
    var scale: Double
    var count: Int { u.count }

    init?(steps: [Double], values: [Double], maxPoints: Int) {
        var xs: [Double] = []
        var ys: [Double] = []
        xs.reserveCapacity(values.count)
        ys.reserveCapacity(values.count)
        for (s, v) in zip(steps, values) where v.isFinite && s.isFinite && s >= 0 {
            xs.append(s + 1)
            ys.append(v)
        }
        guard let last = xs.max(), last > 0, xs.count >= 3 else { return nil }
        scale = last
        if xs.count <= maxPoints {
            u = xs.map { $0 / last }
            y = ys
            w = [Double](repeating: 1, count: xs.count)
            return
        }
        // The first quarter of the bins hold one report each (learning curves bend most at the
        // start); the rest are equal-count bins, in step order.
        let order = xs.indices.sorted { xs[$0] < xs[$1] }
        u = []
        y = []
        w = []
        let n = order.count
        let head = maxPoints / 4
        var bounds: [(Int, Int)] = (0..<head).map { ($0, $0 + 1) }
        let rest = maxPoints - head
        for b in 0..<rest {
            let lo = head + b * (n - head) / rest
            let hi = head + (b + 1) * (n - head) / rest
            if hi > lo { bounds.append((lo, hi)) }
        }
        for (lo, hi) in bounds {
            var sx = 0.0
            var sy = 0.0
            for i in order[lo..<hi] {
                sx += xs[i]
                sy += ys[i]
            }
            let m = Double(hi - lo)
            u.append(sx / m / last)
            y.append(sy / m)
            w.append(m)
        }
    }
}

/// The linear part of a family solved for fixed shape parameters.
struct Projection {
    let family: CurveFamily
    let data: FitData
    private var g: [Double]

    init(family: CurveFamily, data: FitData) {
        self.family = family
        self.data = data
        g = [Double](repeating: 0, count: data.count)
    }

    /// Best `c`, `a` and the weighted residual sum of squares for shape `(t0, t1)`.
    mutating func solve(_ t0: Double, _ t1: Double) -> (c: Double, a: Double, rss: Double) {
        var sw = 0.0
        var sg = 0.0
        var sgg = 0.0
        var sy = 0.0
        var sgy = 0.0
        for i in 0..<data.count {
            let gi = family.basis(data.u[i], scale: data.scale, t0, t1)
            g[i] = gi
            let wi = data.w[i]
            sw += wi
            sg += wi * gi
            sgg += wi * gi * gi
            sy += wi * data.y[i]
            sgy += wi * gi * data.y[i]
        }
        let det = sw * sgg - sg * sg
        var c: Double
        var a: Double
        if det > 1e-12 * Swift.max(sw * sgg, 1e-300), det.isFinite {
            a = (sw * sgy - sg * sy) / det
            c = (sy - a * sg) / sw
        } else {
            a = 0
            c = sy / sw
        }
        var rss = 0.0
        for i in 0..<data.count {
            let r = data.y[i] - c - a * g[i]
            rss += data.w[i] * r * r
        }
        return (c, a, rss)
    }

    mutating func rss(_ z: [Double]) -> Double {
        let (t0, t1) = ShapeCoordinates.shape(family, z)
        return solve(t0, t1).rss
    }

    /// Weighted residuals `√w (y − c − a g)` at shape coordinates `z`.
    mutating func residuals(_ z: [Double]) -> [Double] {
        let (t0, t1) = ShapeCoordinates.shape(family, z)
        let (c, a, _) = solve(t0, t1)
        var r = [Double](repeating: 0, count: data.count)
        for i in 0..<data.count { r[i] = data.w[i].squareRoot() * (data.y[i] - c - a * g[i]) }
        return r
    }

    /// `σ² (JᵀWJ)⁻¹` for the parameters `(c, a, z…)` (a small ridge keeps it finite).
    func covariance(z: [Double], c: Double, a: Double, sigma2: Double) -> [Double] {
        let p = family.parameterCount
        let k = family.shapeCount
        let (t0, t1) = ShapeCoordinates.shape(family, z)
        var m = [Double](repeating: 0, count: p * p)
        var row = [Double](repeating: 0, count: p)
        for i in 0..<data.count {
            let u = data.u[i]
            row[0] = 1
            row[1] = family.basis(u, scale: data.scale, t0, t1)
            for j in 0..<k { row[2 + j] = a * ShapeCoordinates.derivative(family, j, z, u: u, scale: data.scale) }
            let wi = data.w[i]
            for r in 0..<p {
                for s in 0..<p { m[r * p + s] += wi * row[r] * row[s] }
            }
        }
        var trace = 0.0
        for r in 0..<p { trace += m[r * p + r] }
        for r in 0..<p { m[r * p + r] += 1e-9 * trace / Double(p) + 1e-12 }
        guard let inverse = SmallLinearAlgebra.inverse(m, p) else {
            return [Double](repeating: 0, count: p * p)
        }
        return inverse.map { $0 * sigma2 }
    }
}
