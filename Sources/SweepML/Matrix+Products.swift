extension Matrix {
    /// The matrix-vector product `self · x` (`x.count == columns`).
    public func multiply(_ x: [Double]) -> [Double] {
        precondition(x.count == columns, "multiply: vector has \(x.count) entries, matrix has \(columns) columns")
        var y = [Double](repeating: 0, count: rows)
        values.withBase { a in
            x.withBase { xp in
                y.withMutableBase { yp in
                    LinearKernels.multiply(a, rows: rows, columns: columns, xp, into: yp, accumulate: false)
                }
            }
        }
        return y
    }

    /// The transposed product `selfᵀ · v` (`v.count == rows`).
    public func multiplyTransposed(_ v: [Double]) -> [Double] {
        precondition(v.count == rows, "multiplyTransposed: vector has \(v.count) entries, matrix has \(rows) rows")
        var y = [Double](repeating: 0, count: columns)
        values.withBase { a in
            v.withBase { vp in
                y.withMutableBase { yp in
                    LinearKernels.multiplyTransposed(a, rows: rows, columns: columns, vp, into: yp, accumulate: false)
                }
            }
        }
        return y
    }

    /// The matrix product `self · other`.
    public func multiply(_ other: Matrix) -> Matrix {
        precondition(columns == other.rows, "multiply: \(rows)x\(columns) times \(other.rows)x\(other.columns)")
        var c = Matrix(rows: rows, columns: other.columns)
        values.withBase { a in
            other.values.withBase { b in
                c.values.withMutableBase { cp in
                    LinearKernels.multiply(a, b, into: cp, m: rows, k: columns, n: other.columns, accumulate: false)
                }
            }
        }
        return c
    }

    /// Adds `scale · u vᵀ` in place (`u.count == rows`, `v.count == columns`).
    public mutating func addOuter(_ u: [Double], _ v: [Double], scale: Double = 1) {
        precondition(u.count == rows && v.count == columns, "addOuter: shapes do not match \(rows)x\(columns)")
        let (r, c) = (rows, columns)
        values.withMutableBase { a in
            u.withBase { up in
                v.withBase { vp in LinearKernels.addOuter(a, rows: r, columns: c, scale: scale, up, vp) }
            }
        }
    }

    /// The matrix product.
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix { lhs.multiply(rhs) }

    /// The matrix-vector product.
    public static func * (lhs: Matrix, rhs: [Double]) -> [Double] { lhs.multiply(rhs) }
}

/// Small vector helpers over `[Double]`.
public enum Vector {
    /// The dot product of two equally long vectors.
    public static func dot(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "dot: lengths \(a.count) and \(b.count) differ")
        var s = 0.0
        a.withBase { ap in b.withBase { bp in for i in 0..<a.count { s += ap[i] * bp[i] } } }
        return s
    }

    /// `y += alpha · x` in place.
    public static func addScaled(_ x: [Double], _ alpha: Double, to y: inout [Double]) {
        precondition(x.count == y.count, "addScaled: lengths \(x.count) and \(y.count) differ")
        let n = x.count
        x.withBase { xp in y.withMutableBase { yp in for i in 0..<n { yp[i] += alpha * xp[i] } } }
    }

    /// The Euclidean norm.
    public static func norm(_ x: [Double]) -> Double { dot(x, x).squareRoot() }

    /// A vector of `count` zeros with a one at `index`.
    public static func oneHot(_ index: Int, count: Int) -> [Double] {
        var v = [Double](repeating: 0, count: count)
        v[index] = 1
        return v
    }

    /// The index of the largest entry (the first one on ties); -1 for an empty vector.
    public static func argmax(_ x: [Double]) -> Int {
        var best = -1
        var bestValue = -Double.infinity
        for (i, v) in x.enumerated() where best < 0 || v > bestValue {
            best = i
            bestValue = v
        }
        return best
    }
}
