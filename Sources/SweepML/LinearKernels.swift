/// The raw loops behind every product in SweepML: pointer arithmetic over row-major storage,
/// no bounds checks, no allocation. Callers guarantee the sizes.
enum LinearKernels {
    /// `y[i] (+)= Σ_j a[i, j] · x[j]` for a `rows` × `columns` matrix `a`.
    @inline(__always)
    static func multiply(
        _ a: UnsafePointer<Double>, rows: Int, columns: Int,
        _ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, accumulate: Bool
    ) {
        var rowStart = a
        for i in 0..<rows {
            var s0 = 0.0, s1 = 0.0
            var j = 0
            while j &+ 1 < columns {
                s0 += rowStart[j] * x[j]
                s1 += rowStart[j &+ 1] * x[j &+ 1]
                j &+= 2
            }
            if j < columns { s0 += rowStart[j] * x[j] }
            y[i] = accumulate ? y[i] + s0 + s1 : s0 + s1
            rowStart += columns
        }
    }

    /// `y[j] (+)= Σ_i a[i, j] · v[i]`: the transpose of `a` times `v`.
    @inline(__always)
    static func multiplyTransposed(
        _ a: UnsafePointer<Double>, rows: Int, columns: Int,
        _ v: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, accumulate: Bool
    ) {
        if !accumulate { y.update(repeating: 0, count: columns) }
        var rowStart = a
        for i in 0..<rows {
            let vi = v[i]
            if vi != 0 {
                for j in 0..<columns { y[j] += rowStart[j] * vi }
            }
            rowStart += columns
        }
    }

    /// `a[i, j] += scale · u[i] · v[j]`: a rank-one (outer product) update.
    @inline(__always)
    static func addOuter(
        _ a: UnsafeMutablePointer<Double>, rows: Int, columns: Int,
        scale: Double, _ u: UnsafePointer<Double>, _ v: UnsafePointer<Double>
    ) {
        var rowStart = a
        for i in 0..<rows {
            let ui = scale * u[i]
            if ui != 0 {
                for j in 0..<columns { rowStart[j] += ui * v[j] }
            }
            rowStart += columns
        }
    }

    /// `c (+)= a · b` for `a` (`m` × `k`), `b` (`k` × `n`), `c` (`m` × `n`), in i-k-j order.
    @inline(__always)
    static func multiply(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>,
        m: Int, k: Int, n: Int, accumulate: Bool
    ) {
        if !accumulate { c.update(repeating: 0, count: m &* n) }
        for i in 0..<m {
            let cRow = c + i &* n
            let aRow = a + i &* k
            for p in 0..<k {
                let aip = aRow[p]
                if aip == 0 { continue }
                let bRow = b + p &* n
                for j in 0..<n { cRow[j] += aip * bRow[j] }
            }
        }
    }
}

extension Array where Element == Double {
    /// Runs `body` with a base pointer that is valid even for an empty array.
    @inline(__always)
    func withBase<R>(_ body: (UnsafePointer<Double>) throws -> R) rethrows -> R {
        try withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { return try body(base) }
            var dummy = 0.0
            return try body(&dummy)
        }
    }

    /// Runs `body` with a mutable base pointer that is valid even for an empty array.
    @inline(__always)
    mutating func withMutableBase<R>(_ body: (UnsafeMutablePointer<Double>) throws -> R) rethrows -> R {
        try withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { return try body(base) }
            var dummy = 0.0
            return try body(&dummy)
        }
    }
}
