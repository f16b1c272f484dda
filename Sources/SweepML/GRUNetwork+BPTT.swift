extension GRUNetwork {
    /// Everything a forward pass over a sequence leaves for backpropagation through time.
    public struct Trace: Sendable {
        /// The input sequence (T × I).
        public let inputs: Matrix
        /// States `h_0 … h_T` ((T + 1) × H); row 0 is the initial state.
        public var states: Matrix
        /// Gates per step, `[z, r, c]` (T × 3H).
        public var gates: Matrix
        /// Readouts per step (T × O).
        public var outputs: Matrix
    }

    /// Runs the network over `inputs` (one row per step) from `initialState` (zero when nil).
    public func forward(_ inputs: Matrix, initialState: [Double]? = nil) -> Trace {
        precondition(inputs.columns == inputSize, "GRUNetwork.forward: inputs need \(inputSize) columns")
        let (t, h, o) = (inputs.rows, hiddenSize, outputSize)
        var states = Matrix(rows: t + 1, columns: h)
        if let initialState {
            precondition(initialState.count == h, "GRUNetwork.forward: wrong initial state size")
            states.values.replaceSubrange(0..<h, with: initialState)
        }
        var gates = Matrix(rows: t, columns: 3 * h)
        var outputs = Matrix(rows: t, columns: o)
        let l = layout
        parameters.withBase { p in
            inputs.values.withBase { x in
                states.values.withMutableBase { s in
                    gates.values.withMutableBase { g in
                        outputs.values.withMutableBase { y in
                            for step in 0..<t {
                                let gz = g + step &* 3 &* h
                                let next = s + (step &+ 1) &* h
                                cell(p, x + step &* inputSize, s + step &* h, z: gz, r: gz + h, c: gz + 2 &* h, next: next)
                                let ys = y + step &* o
                                for k in 0..<o { ys[k] = p[l.d &+ k] }
                                LinearKernels.multiply(p + l.v, rows: o, columns: h, UnsafePointer(next), into: ys, accumulate: true)
                            }
                        }
                    }
                }
            }
        }
        return Trace(inputs: inputs, states: states, gates: gates, outputs: outputs)
    }

    /// Backpropagation through time: given ∂loss/∂y_t for every step (T × O; zero rows for steps
    /// without a loss), returns ∂loss/∂parameters and ∂loss/∂h_0.
    ///
    /// Truncated BPTT is the caller's choice of window: run `forward` over the last W steps from a
    /// stored (detached) state and ignore the returned state gradient.
    public func backward(_ trace: Trace, outputGradients: Matrix) -> (gradient: [Double], initialStateGradient: [Double]) {
        let (t, h, o, n) = (trace.inputs.rows, hiddenSize, outputSize, inputSize)
        precondition(outputGradients.rows == t && outputGradients.columns == o, "GRUNetwork.backward: gradient shape")
        let l = layout
        var gradient = [Double](repeating: 0, count: l.count)
        var dh = [Double](repeating: 0, count: h)  // ∂loss/∂h_t flowing back from later steps
        var scratch = [Double](repeating: 0, count: 6 * h)  // dPre (3H: z, r, c), rh, drh, dhPrev
        parameters.withBase { p in
            gradient.withMutableBase { g in
                trace.inputs.values.withBase { x in
                    trace.states.values.withBase { s in
                        trace.gates.values.withBase { gates in
                            outputGradients.values.withBase { dy in
                                dh.withMutableBase { dhp in
                                    scratch.withMutableBase { sc in
                                        let dPre = sc, rh = sc + 3 &* h, drh = sc + 4 &* h, dhPrev = sc + 5 &* h
                                        for step in stride(from: t - 1, through: 0, by: -1) {
                                            let hPrev = s + step &* h, hNext = s + (step &+ 1) &* h
                                            let z = gates + step &* 3 &* h, r = z + h, c = z + 2 &* h
                                            let dys = dy + step &* o
                                            let xs = x + step &* n
                                            // Readout.
                                            LinearKernels.addOuter(g + l.v, rows: o, columns: h, scale: 1, dys, hNext)
                                            for k in 0..<o { g[l.d &+ k] += dys[k] }
                                            LinearKernels.multiplyTransposed(p + l.v, rows: o, columns: h, dys, into: dhp, accumulate: true)
                                            // h' = h + z (c - h).
                                            for k in 0..<h {
                                                let d = dhp[k]
                                                dPre[k] = d * (c[k] - hPrev[k]) * z[k] * (1 - z[k])
                                                dPre[2 &* h &+ k] = d * z[k] * (1 - c[k] * c[k])
                                                dhPrev[k] = d * (1 - z[k])
                                                rh[k] = r[k] * hPrev[k]
                                            }
                                            // c = tanh(W_c x + U_c (r ⊙ h) + b_c).
                                            let dc = UnsafePointer(dPre + 2 &* h)
                                            LinearKernels.addOuter(g + l.uc, rows: h, columns: h, scale: 1, dc, rh)
                                            LinearKernels.multiplyTransposed(p + l.uc, rows: h, columns: h, dc, into: drh, accumulate: false)
                                            for k in 0..<h {
                                                dPre[h &+ k] = drh[k] * hPrev[k] * r[k] * (1 - r[k])
                                                dhPrev[k] += drh[k] * r[k]
                                            }
                                            // Shared input weights and biases for z, r, c; recurrent weights for z, r.
                                            let dp = UnsafePointer(dPre)
                                            LinearKernels.addOuter(g + l.w, rows: 3 &* h, columns: n, scale: 1, dp, xs)
                                            for k in 0..<(3 &* h) { g[l.b &+ k] += dPre[k] }
                                            LinearKernels.addOuter(g + l.uzr, rows: 2 &* h, columns: h, scale: 1, dp, hPrev)
                                            LinearKernels.multiplyTransposed(p + l.uzr, rows: 2 &* h, columns: h, dp, into: dhPrev, accumulate: true)
                                            dhp.update(from: dhPrev, count: h)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (gradient, dh)
    }
}
