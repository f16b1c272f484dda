/// The two products behind softmax regression's fits and predictions, written with SIMD
/// accumulators held in registers (the generic `LinearKernels` loops load and store their
/// output on every step): logits `X Wᵀ` and the weights' gradient `Dᵀ X`. Row-major storage,
/// no bounds checks, no allocation; callers guarantee the sizes.
enum SoftmaxKernels {
    @inline(__always)
    static func load(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }

    /// `z[i, c] = Σ_j x[i, j] · w[c, j]` for `x` (`n` × `d`), `w` (`k` × `d`), `z` (`n` × `k`).
    static func logits(_ x: UnsafePointer<Double>, n: Int, d: Int, _ w: UnsafePointer<Double>, k: Int, into z: UnsafeMutablePointer<Double>) {
        for i in 0..<n {
            let xi = x + i &* d
            let zi = z + i &* k
            var c = 0
            while c < k {
                // Four classes at a time share the loads of the row; past the last class, the
                // last one again (computed twice, written once more).
                let c1 = Swift.min(c &+ 1, k &- 1), c2 = Swift.min(c &+ 2, k &- 1), c3 = Swift.min(c &+ 3, k &- 1)
                let w0 = w + c &* d, w1 = w + c1 &* d, w2 = w + c2 &* d, w3 = w + c3 &* d
                var a0 = SIMD4<Double>(), a1 = SIMD4<Double>(), a2 = SIMD4<Double>(), a3 = SIMD4<Double>()
                var j = 0
                while j &+ 4 <= d {
                    let v = load(xi + j)
                    a0 += v * load(w0 + j)
                    a1 += v * load(w1 + j)
                    a2 += v * load(w2 + j)
                    a3 += v * load(w3 + j)
                    j &+= 4
                }
                var s0 = a0.sum(), s1 = a1.sum(), s2 = a2.sum(), s3 = a3.sum()
                while j < d {
                    s0 += xi[j] * w0[j]
                    s1 += xi[j] * w1[j]
                    s2 += xi[j] * w2[j]
                    s3 += xi[j] * w3[j]
                    j &+= 1
                }
                zi[c3] = s3
                zi[c2] = s2
                zi[c1] = s1
                zi[c] = s0
                c &+= 4
            }
        }
    }

    /// `g[c, j] = Σ_i dz[i, c] · x[i, j]` for `dz` (`n` × `k`), `x` (`n` × `d`), `g` (`k` × `d`).
    static func gradient(_ dz: UnsafePointer<Double>, k: Int, _ x: UnsafePointer<Double>, n: Int, d: Int, into g: UnsafeMutablePointer<Double>) {
        var c = 0
        while c < k {
            let c1 = c &+ 1 < k ? c &+ 1 : c
            let g0 = g + c &* d, g1 = g + c1 &* d
            var j = 0
            while j &+ 8 <= d {
                var a00 = SIMD4<Double>(), a01 = SIMD4<Double>(), a10 = SIMD4<Double>(), a11 = SIMD4<Double>()
                var xr = x + j
                var dr = dz
                for _ in 0..<n {
                    let v0 = load(xr), v1 = load(xr + 4)
                    let s0 = SIMD4<Double>(repeating: dr[c]), s1 = SIMD4<Double>(repeating: dr[c1])
                    a00 += s0 * v0
                    a01 += s0 * v1
                    a10 += s1 * v0
                    a11 += s1 * v1
                    xr += d
                    dr += k
                }
                for t in 0..<4 {
                    g1[j &+ t] = a10[t]
                    g1[j &+ 4 &+ t] = a11[t]
                    g0[j &+ t] = a00[t]
                    g0[j &+ 4 &+ t] = a01[t]
                }
                j &+= 8
            }
            while j < d {
                var s0 = 0.0, s1 = 0.0
                for i in 0..<n {
                    let v = x[i &* d &+ j]
                    s0 += dz[i &* k &+ c] * v
                    s1 += dz[i &* k &+ c1] * v
                }
                g1[j] = s1
                g0[j] = s0
                j &+= 1
            }
            c &+= 2
        }
    }
}
