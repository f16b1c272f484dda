/// Limited-memory BFGS (Nocedal & Wright, algorithms 7.4 and 7.5) with a strong-Wolfe line
/// search (algorithms 3.5 and 3.6, cubic interpolation, bisection as a safeguard).
///
/// It stops the way SciPy's `L-BFGS-B` does when scikit-learn calls it: when the largest
/// gradient entry is at most `gradientTolerance` (scikit-learn's `tol`), when an iteration
/// lowers the objective by at most `functionTolerance · max(|f|, |f_new|, 1)`, or after
/// `maxIterations` iterations. A non-finite objective at a trial step shrinks the step; at the
/// start it stops with `.nonFinite`.
public struct LBFGS: Sendable, Hashable {
    /// Pairs of (step, gradient change) remembered: SciPy's `m` (10).
    public var memory: Int
    /// The largest gradient entry allowed at a solution.
    public var gradientTolerance: Double
    /// The relative decrease that counts as no progress (SciPy's `factr · eps`).
    public var functionTolerance: Double
    /// The most iterations.
    public var maxIterations: Int
    /// The most objective evaluations in one line search.
    public var maxLineSearch: Int

    /// How a minimisation ended.
    public enum Stop: String, Sendable, Hashable, Codable {
        case gradient, function, iterations, lineSearch, nonFinite
    }

    /// The point reached and how.
    public struct Result: Sendable, Hashable {
        public var x: [Double]
        public var value: Double
        public var gradient: [Double]
        public var iterations: Int
        public var evaluations: Int
        public var stop: Stop
    }

    /// An optimiser with scikit-learn's defaults for `LogisticRegression(solver="lbfgs")`.
    public init(
        memory: Int = 10, gradientTolerance: Double = 1e-4, functionTolerance: Double = 64 * Double.ulpOfOne,
        maxIterations: Int = 100, maxLineSearch: Int = 50
    ) {
        precondition(memory >= 1 && maxIterations >= 0 && maxLineSearch >= 1, "LBFGS: memory and line search need at least 1")
        self.memory = memory
        self.gradientTolerance = gradientTolerance
        self.functionTolerance = functionTolerance
        self.maxIterations = maxIterations
        self.maxLineSearch = maxLineSearch
    }

    /// Minimises `objective`, which returns the value and the gradient at a point, from `start`.
    public func minimize(from start: [Double], _ objective: ([Double]) -> (value: Double, gradient: [Double])) -> Result {
        var x = start
        var (f, g) = objective(x)
        var evaluations = 1
        guard f.isFinite else { return Result(x: x, value: f, gradient: g, iterations: 0, evaluations: 1, stop: .nonFinite) }
        var s: [[Double]] = []
        var y: [[Double]] = []
        var rho: [Double] = []
        var iteration = 0
        while true {
            if Self.maxAbs(g) <= gradientTolerance { return Result(x: x, value: f, gradient: g, iterations: iteration, evaluations: evaluations, stop: .gradient) }
            if iteration >= maxIterations { return Result(x: x, value: f, gradient: g, iterations: iteration, evaluations: evaluations, stop: .iterations) }
            var d = Self.direction(g, s: s, y: y, rho: rho)
            var slope = Vector.fastDot(g, d)
            if !(slope < 0) {
                // Not a descent direction (curvature information went stale): restart from -g.
                s.removeAll(); y.removeAll(); rho.removeAll()
                d = g.map { -$0 }
                slope = Vector.fastDot(g, d)
            }
            let firstStep = s.isEmpty ? min(1, 1 / Vector.norm(d)) : 1
            let line = search(objective, x: x, f: f, g: g, d: d, slope: slope, step: firstStep)
            evaluations += line.evaluations
            guard let found = line.point else {
                return Result(x: x, value: f, gradient: g, iterations: iteration, evaluations: evaluations, stop: .lineSearch)
            }
            iteration += 1
            var sk = found.x
            Vector.addScaled(x, -1, to: &sk)
            var yk = found.g
            Vector.addScaled(g, -1, to: &yk)
            let sy = Vector.fastDot(sk, yk)
            let decrease = f - found.f
            x = found.x
            (f, g) = (found.f, found.g)
            if sy > Double.ulpOfOne * Vector.fastDot(yk, yk) {
                if s.count == memory { s.removeFirst(); y.removeFirst(); rho.removeFirst() }
                s.append(sk)
                y.append(yk)
                rho.append(1 / sy)
            }
            if decrease <= functionTolerance * max(abs(f), abs(f + decrease), 1) {
                return Result(x: x, value: f, gradient: g, iterations: iteration, evaluations: evaluations, stop: .function)
            }
        }
    }

    /// The two-loop recursion: `-H g` for the inverse-Hessian estimate `H` of the remembered pairs.
    static func direction(_ g: [Double], s: [[Double]], y: [[Double]], rho: [Double]) -> [Double] {
        var q = g
        var alpha = [Double](repeating: 0, count: s.count)
        for i in stride(from: s.count - 1, through: 0, by: -1) {
            alpha[i] = rho[i] * Vector.fastDot(s[i], q)
            Vector.addScaled(y[i], -alpha[i], to: &q)
        }
        if let sl = s.last, let yl = y.last {
            let gamma = Vector.fastDot(sl, yl) / Vector.fastDot(yl, yl)
            for i in q.indices { q[i] *= gamma }
        }
        for i in s.indices {
            let beta = rho[i] * Vector.fastDot(y[i], q)
            Vector.addScaled(s[i], alpha[i] - beta, to: &q)
        }
        for i in q.indices { q[i] = -q[i] }
        return q
    }

    static func maxAbs(_ v: [Double]) -> Double { v.reduce(0) { max($0, abs($1)) } }
}

extension LBFGS {
    /// A point the line search accepted.
    struct Point {
        var x: [Double]
        var f: Double
        var g: [Double]
    }

    /// Sufficient decrease (c₁) and curvature (c₂) constants of the strong Wolfe conditions,
    /// SciPy's `ftol` and `gtol` of its line search.
    static let c1 = 1e-3
    static let c2 = 0.9

    /// Finds a step along `d` meeting the strong Wolfe conditions (nil when it cannot).
    func search(
        _ objective: ([Double]) -> (value: Double, gradient: [Double]),
        x: [Double], f: Double, g: [Double], d: [Double], slope: Double, step: Double
    ) -> (point: Point?, evaluations: Int) {
        var evaluations = 0
        func at(_ t: Double) -> (Point, Double) {
            var p = x
            Vector.addScaled(d, t, to: &p)
            let (v, gp) = objective(p)
            evaluations += 1
            return (Point(x: p, f: v, g: gp), v.isFinite ? Vector.fastDot(gp, d) : .nan)
        }
        var (lo, fLo, slopeLo) = (0.0, f, slope)
        var t = step
        var best: Point?
        var hi = Double.infinity
        var fHi = Double.infinity, slopeHi = Double.nan
        while evaluations < maxLineSearch {
            let (p, dp) = at(t)
            if !p.f.isFinite {
                hi = t
                fHi = .infinity
                t = lo + (t - lo) / 10
                continue
            }
            if p.f > f + Self.c1 * t * slope || (p.f >= fLo && lo > 0) {
                (hi, fHi, slopeHi) = (t, p.f, dp)
            } else if abs(dp) <= -Self.c2 * slope {
                return (p, evaluations)
            } else {
                best = p
                if dp * (hi - lo) >= 0 || (hi.isInfinite && dp >= 0) {
                    (hi, fHi, slopeHi) = (lo, fLo, slopeLo)
                }
                (lo, fLo, slopeLo) = (t, p.f, dp)
            }
            if hi.isInfinite {
                t *= 2
            } else {
                t = Self.interpolate(lo, fLo, slopeLo, hi, fHi, slopeHi)
                if abs(hi - lo) < 1e-14 * max(1, abs(lo)) { break }
            }
        }
        // No Wolfe point within the budget: accept the best sufficient-decrease point seen.
        return (best, evaluations)
    }

    /// The cubic interpolant's minimiser between two bracketing steps, kept away from the ends
    /// (bisection when the cubic is unusable).
    static func interpolate(_ a: Double, _ fa: Double, _ da: Double, _ b: Double, _ fb: Double, _ db: Double) -> Double {
        let (low, high) = (min(a, b), max(a, b))
        let margin = 0.1 * (high - low)
        var t = (a + b) / 2
        if fb.isFinite && db.isFinite {
            let d1 = da + db - 3 * (fa - fb) / (a - b)
            let disc = d1 * d1 - da * db
            if disc >= 0 {
                let d2 = (b > a ? 1.0 : -1.0) * disc.squareRoot()
                let c = b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2)
                if c.isFinite { t = c }
            }
        }
        return min(max(t, low + margin), high - margin)
    }
}
