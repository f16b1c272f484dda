/// The softmax function and its log-sum-exp, computed stably (shifted by the maximum).
public enum Softmax {
    /// `log Σ exp(x_i)`; `-∞` for an empty vector.
    public static func logSumExp(_ x: [Double]) -> Double {
        guard let m = x.max() else { return -.infinity }
        if !m.isFinite { return m }
        var s = 0.0
        for v in x { s += _mlExp(v - m) }
        return m + _mlLog(s)
    }

    /// The probabilities `exp(x_i) / Σ exp(x_j)`.
    public static func probabilities(_ x: [Double]) -> [Double] {
        var p = x
        normalize(&p)
        return p
    }

    /// Replaces logits with their softmax probabilities in place.
    public static func normalize(_ x: inout [Double]) {
        guard let m = x.max() else { return }
        var s = 0.0
        for i in x.indices {
            let e = _mlExp(x[i] - m)
            x[i] = e
            s += e
        }
        let inv = 1 / s
        for i in x.indices { x[i] *= inv }
    }
}
