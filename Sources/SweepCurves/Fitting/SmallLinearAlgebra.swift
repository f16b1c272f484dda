/// Dense solves for the tiny symmetric systems of curve fitting (at most 4 × 4, row-major).
enum SmallLinearAlgebra {
    /// Solves `m x = b` by Gaussian elimination with partial pivoting; nil when singular.
    static func solve(_ m: [Double], _ b: [Double], _ n: Int) -> [Double]? {
        var a = m
        var x = b
        for col in 0..<n {
            var pivot = col
            for r in (col + 1)..<n where abs(a[r * n + col]) > abs(a[pivot * n + col]) { pivot = r }
            let pv = a[pivot * n + col]
            guard pv.isFinite, abs(pv) > 1e-300 else { return nil }
            if pivot != col {
                for c in 0..<n { a.swapAt(col * n + c, pivot * n + c) }
                x.swapAt(col, pivot)
            }
            for r in (col + 1)..<n {
                let f = a[r * n + col] / pv
                guard f != 0 else { continue }
                for c in col..<n { a[r * n + c] -= f * a[col * n + c] }
                x[r] -= f * x[col]
            }
        }
        for col in stride(from: n - 1, through: 0, by: -1) {
            var s = x[col]
            for c in (col + 1)..<n { s -= a[col * n + c] * x[c] }
            x[col] = s / a[col * n + col]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }

    /// The inverse of `m`; nil when singular.
    static func inverse(_ m: [Double], _ n: Int) -> [Double]? {
        var out = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var e = [Double](repeating: 0, count: n)
            e[j] = 1
            guard let col = solve(m, e, n) else { return nil }
            for i in 0..<n { out[i * n + j] = col[i] }
        }
        return out
    }
}
