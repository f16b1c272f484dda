extension MLP {
    /// Backpropagates `outputGradient` (∂loss/∂output) through the pass recorded in `trace`, adding
    /// ∂loss/∂parameters into `gradient` (sized like `parameters`) and returning ∂loss/∂input.
    @discardableResult
    public func accumulateGradient(trace: Trace, outputGradient: [Double], into gradient: inout [Double]) -> [Double] {
        precondition(outputGradient.count == outputSize, "MLP.backward: output gradient has the wrong size")
        precondition(gradient.count == parameters.count, "MLP.backward: gradient buffer has the wrong size")
        var delta = outputGradient
        let out = trace.activations[layerCount]
        for i in 0..<outputSize { delta[i] *= outputActivation.derivative(output: out[i]) }
        var previous: [Double] = []
        parameters.withBase { p in
            gradient.withMutableBase { g in
                for l in stride(from: layerCount - 1, through: 0, by: -1) {
                    let (rows, cols) = (layerSizes[l + 1], layerSizes[l])
                    let input = trace.activations[l]
                    let gw = g + offsets[l]
                    let gb = gw + rows &* cols
                    delta.withBase { d in
                        input.withBase { a in LinearKernels.addOuter(gw, rows: rows, columns: cols, scale: 1, d, a) }
                        for i in 0..<rows { gb[i] += d[i] }
                        previous = [Double](repeating: 0, count: cols)
                        previous.withMutableBase { prev in
                            LinearKernels.multiplyTransposed(
                                p + offsets[l], rows: rows, columns: cols, d, into: prev, accumulate: false)
                        }
                    }
                    if l > 0 {
                        for j in 0..<cols { previous[j] *= activation.derivative(output: input[j]) }
                    }
                    delta = previous
                }
            }
        }
        return delta
    }

    /// ∂loss/∂parameters for one recorded pass and ∂loss/∂output.
    public func backward(trace: Trace, outputGradient: [Double]) -> [Double] {
        var gradient = [Double](repeating: 0, count: parameters.count)
        accumulateGradient(trace: trace, outputGradient: outputGradient, into: &gradient)
        return gradient
    }

    /// One optimiser step on the squared error `½‖f(x) - target‖²`; returns the loss before the step.
    @discardableResult
    public mutating func train(_ x: [Double], target: [Double], optimizer: inout some Optimizer) -> Double {
        var trace = Trace()
        let (loss, dOut) = Loss.meanSquared(output: forward(x, trace: &trace), target: target)
        optimizer.step(&parameters, gradient: backward(trace: trace, outputGradient: dOut))
        return loss
    }

    /// One optimiser step on the softmax cross-entropy of the outputs as logits; returns the loss
    /// before the step.
    @discardableResult
    public mutating func train(_ x: [Double], label: Int, optimizer: inout some Optimizer) -> Double {
        var trace = Trace()
        let (loss, dOut) = Loss.softmaxCrossEntropy(logits: forward(x, trace: &trace), label: label)
        optimizer.step(&parameters, gradient: backward(trace: trace, outputGradient: dOut))
        return loss
    }
}
