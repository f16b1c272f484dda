/// A gated recurrent unit (Cho et al., 2014) with a linear readout at every step, trained by
/// manual backpropagation through time.
///
/// For input `x_t` and previous state `h`:
/// `z = σ(W_z x + U_z h + b_z)`, `r = σ(W_r x + U_r h + b_r)`,
/// `c = tanh(W_c x + U_c (r ⊙ h) + b_c)`, `h' = (1 - z) ⊙ h + z ⊙ c`, `y = V h' + d`.
///
/// `parameters` is flat: `W = [W_z; W_r; W_c]` (3H × I), `[U_z; U_r]` (2H × H), `U_c` (H × H),
/// `b = [b_z; b_r; b_c]` (3H), `V` (O × H), `d` (O).
public struct GRUNetwork: Sendable, Codable, Equatable {
    /// Input size I.
    public let inputSize: Int
    /// Hidden state size H.
    public let hiddenSize: Int
    /// Readout size O.
    public let outputSize: Int
    /// All weights and biases, flat (see the type's documentation for the layout).
    public var parameters: [Double]

    /// Offsets of each block in `parameters`.
    struct Layout {
        let w, uzr, uc, b, v, d, count: Int
        init(_ i: Int, _ h: Int, _ o: Int) {
            w = 0
            uzr = w + 3 * h * i
            uc = uzr + 2 * h * h
            b = uc + h * h
            v = b + 3 * h
            d = v + o * h
            count = d + o
        }
    }

    var layout: Layout { Layout(inputSize, hiddenSize, outputSize) }

    /// A network with Xavier-uniform weights from `rng`, zero biases and an update-gate bias of
    /// `updateGateBias` (negative values make the state remember longer at first).
    public init(inputSize: Int, hiddenSize: Int, outputSize: Int, updateGateBias: Double = 0, using rng: inout RandomGenerator) {
        precondition(inputSize > 0 && hiddenSize > 0 && outputSize > 0, "GRUNetwork sizes must be positive")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.outputSize = outputSize
        let l = Layout(inputSize, hiddenSize, outputSize)
        parameters = [Double](repeating: 0, count: l.count)
        let (i, h, o) = (inputSize, hiddenSize, outputSize)
        Initialization.xavier.fill(&parameters, range: l.w..<l.uzr, fanIn: i + h, fanOut: h, using: &rng)
        Initialization.xavier.fill(&parameters, range: l.uzr..<l.b, fanIn: i + h, fanOut: h, using: &rng)
        Initialization.xavier.fill(&parameters, range: l.v..<l.d, fanIn: h, fanOut: o, using: &rng)
        for k in 0..<h { parameters[l.b + k] = updateGateBias }
    }

    /// The zero state.
    public var initialState: [Double] { [Double](repeating: 0, count: hiddenSize) }

    /// The next state after reading `x` in `state`.
    public func step(_ x: [Double], state: [Double]) -> [Double] {
        precondition(x.count == inputSize && state.count == hiddenSize, "GRUNetwork.step: wrong input or state size")
        let h = hiddenSize
        var gates = [Double](repeating: 0, count: 3 * h)
        var next = [Double](repeating: 0, count: h)
        parameters.withBase { p in
            x.withBase { xp in
                state.withBase { hp in
                    gates.withMutableBase { g in
                        next.withMutableBase { np in cell(p, xp, hp, z: g, r: g + h, c: g + 2 &* h, next: np) }
                    }
                }
            }
        }
        return next
    }

    /// The readout `V state + d`.
    public func readout(_ state: [Double]) -> [Double] {
        precondition(state.count == hiddenSize, "GRUNetwork.readout: wrong state size")
        let l = layout
        var y = Array(parameters[l.d..<(l.d + outputSize)])
        parameters.withBase { p in
            state.withBase { hp in
                y.withMutableBase { yp in
                    LinearKernels.multiply(p + l.v, rows: outputSize, columns: hiddenSize, hp, into: yp, accumulate: true)
                }
            }
        }
        return y
    }

    /// One cell step on raw pointers; writes the gates and the next state.
    @inline(__always)
    func cell(
        _ p: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ h: UnsafePointer<Double>,
        z: UnsafeMutablePointer<Double>, r: UnsafeMutablePointer<Double>, c: UnsafeMutablePointer<Double>,
        next: UnsafeMutablePointer<Double>
    ) {
        let l = layout
        let (n, hs) = (inputSize, hiddenSize)
        // z, r, c hold W x + b first (they are contiguous: z, z + H, z + 2H).
        for k in 0..<(3 &* hs) { z[k] = p[l.b &+ k] }
        LinearKernels.multiply(p + l.w, rows: 3 &* hs, columns: n, x, into: z, accumulate: true)
        LinearKernels.multiply(p + l.uzr, rows: 2 &* hs, columns: hs, h, into: z, accumulate: true)
        for k in 0..<hs {
            z[k] = Activation.logistic(z[k])
            r[k] = Activation.logistic(r[k])
            next[k] = r[k] * h[k]  // r ⊙ h, temporarily
        }
        LinearKernels.multiply(p + l.uc, rows: hs, columns: hs, UnsafePointer(next), into: c, accumulate: true)
        for k in 0..<hs {
            c[k] = _mlTanh(c[k])
            next[k] = h[k] + z[k] * (c[k] - h[k])
        }
    }
}
