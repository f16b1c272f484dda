/// A multilayer perceptron: dense layers with one hidden activation and an output activation
/// (identity by default), trained by manual backpropagation.
///
/// All weights and biases live in one flat `parameters` array, layer by layer: `W_l` (out × in,
/// row-major) then `b_l` (out). Hand `parameters` and a gradient from `backward` to an
/// `Optimizer`.
public struct MLP: Sendable, Codable, Equatable {
    /// Sizes from input to output: `[input, hidden…, output]`.
    public let layerSizes: [Int]
    /// The activation of every hidden layer.
    public let activation: Activation
    /// The activation of the output layer.
    public let outputActivation: Activation
    /// All weights and biases, flat.
    public var parameters: [Double]
    /// Where each layer's weight matrix starts in `parameters` (its bias follows it).
    let offsets: [Int]

    /// The values a forward pass leaves for the backward pass.
    public struct Trace: Sendable {
        /// `activations[0]` is the input; `activations[l + 1]` is layer l's activated output.
        public var activations: [[Double]] = []
        /// An empty trace (reuse one across calls to avoid allocation).
        public init() {}
    }

    /// A network with weights drawn from `rng` (Xavier for tanh/sigmoid, He for ReLU) and zero biases.
    public init(
        inputSize: Int, hiddenSizes: [Int], outputSize: Int,
        activation: Activation = .tanh, outputActivation: Activation = .identity,
        using rng: inout RandomGenerator
    ) {
        precondition(inputSize > 0 && outputSize > 0 && hiddenSizes.allSatisfy { $0 > 0 }, "MLP sizes must be positive")
        layerSizes = [inputSize] + hiddenSizes + [outputSize]
        self.activation = activation
        self.outputActivation = outputActivation
        var offsets: [Int] = []
        var total = 0
        for l in 0..<(layerSizes.count - 1) {
            offsets.append(total)
            total += layerSizes[l + 1] * layerSizes[l] + layerSizes[l + 1]
        }
        self.offsets = offsets
        parameters = [Double](repeating: 0, count: total)
        for l in 0..<(layerSizes.count - 1) {
            let (fanIn, fanOut) = (layerSizes[l], layerSizes[l + 1])
            let isOutput = l == layerSizes.count - 2
            let kind = Initialization.suited(to: isOutput ? outputActivation : activation)
            kind.fill(&parameters, range: offsets[l]..<(offsets[l] + fanIn * fanOut), fanIn: fanIn, fanOut: fanOut, using: &rng)
        }
    }

    /// Number of dense layers.
    public var layerCount: Int { layerSizes.count - 1 }
    /// Input size.
    public var inputSize: Int { layerSizes[0] }
    /// Output size.
    public var outputSize: Int { layerSizes[layerSizes.count - 1] }

    /// Layer `l`'s weight matrix (a copy).
    public func weights(layer l: Int) -> Matrix {
        let (rows, cols) = (layerSizes[l + 1], layerSizes[l])
        return Matrix(rows: rows, columns: cols, values: Array(parameters[offsets[l]..<(offsets[l] + rows * cols)]))
    }

    /// The network's output for `x`.
    public func forward(_ x: [Double]) -> [Double] {
        var trace = Trace()
        return forward(x, trace: &trace)
    }

    /// The network's output for `x`, keeping every layer's activations in `trace` for `backward`.
    public func forward(_ x: [Double], trace: inout Trace) -> [Double] {
        precondition(x.count == inputSize, "MLP: expected \(inputSize) inputs, got \(x.count)")
        if trace.activations.count != layerSizes.count {
            trace.activations = layerSizes.map { [Double](repeating: 0, count: $0) }
        }
        trace.activations[0] = x
        parameters.withBase { p in
            for l in 0..<layerCount {
                let (rows, cols) = (layerSizes[l + 1], layerSizes[l])
                let w = p + offsets[l]
                let b = w + rows &* cols
                let f = l == layerCount - 1 ? outputActivation : activation
                var out = trace.activations[l + 1]
                trace.activations[l].withBase { input in
                    out.withMutableBase { y in
                        LinearKernels.multiply(w, rows: rows, columns: cols, input, into: y, accumulate: false)
                        for i in 0..<rows { y[i] = f.apply(y[i] + b[i]) }
                    }
                }
                trace.activations[l + 1] = out
            }
        }
        return trace.activations[layerCount]
    }
}
