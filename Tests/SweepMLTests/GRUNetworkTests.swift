import Testing
@testable import SweepML

@Suite struct GRUNetworkTests {
    /// A random sequence and a loss on some of its steps.
    func problem(seed: UInt64) -> (GRUNetwork, Matrix, Matrix, [Double]) {
        var rng = RandomGenerator(seed: seed)
        var net = GRUNetwork(inputSize: 3, hiddenSize: 5, outputSize: 2, using: &rng)
        net.parameters = net.parameters.map { $0 + 0.3 * rng.nextGaussian() }  // biases too
        let inputs = Matrix(rows: 6, columns: 3, values: GradientCheck.gaussian(18, &rng))
        let targets = Matrix(rows: 6, columns: 2, values: GradientCheck.gaussian(12, &rng))
        let h0 = GradientCheck.gaussian(5, &rng).map { 0.5 * $0 }
        return (net, inputs, targets, h0)
    }

    func loss(_ net: GRUNetwork, _ inputs: Matrix, _ targets: Matrix, _ h0: [Double]) -> (Double, Matrix, GRUNetwork.Trace) {
        let trace = net.forward(inputs, initialState: h0)
        var total = 0.0
        var dy = Matrix(rows: inputs.rows, columns: net.outputSize)
        for t in 0..<inputs.rows where t % 2 == 1 || t == inputs.rows - 1 {  // loss on some steps only
            let (l, g) = Loss.meanSquared(output: trace.outputs.row(t), target: targets.row(t))
            total += l
            dy.setRow(t, to: g)
        }
        return (total, dy, trace)
    }

    @Test func bpttGradientMatchesFiniteDifferences() {
        let (net, inputs, targets, h0) = problem(seed: 31)
        let (_, dy, trace) = loss(net, inputs, targets, h0)
        let (analytic, dh0) = net.backward(trace, outputGradients: dy)
        let numeric = GradientCheck.numerical(net.parameters) { theta in
            var m = net
            m.parameters = theta
            return loss(m, inputs, targets, h0).0
        }
        // Relative error below 1e-5 for every weight and bias.
        #expect(GradientCheck.maxRelativeError(analytic, numeric) < 1e-5)
        let numericState = GradientCheck.numerical(h0) { loss(net, inputs, targets, $0).0 }
        // The initial-state gradient too.
        #expect(GradientCheck.maxRelativeError(dh0, numericState) < 1e-5)
    }

    @Test func stepAndForwardAgree() {
        let (net, inputs, _, h0) = problem(seed: 32)
        let trace = net.forward(inputs, initialState: h0)
        var h = h0
        for t in 0..<inputs.rows { h = net.step(inputs.row(t), state: h) }
        for (a, b) in zip(h, trace.states.row(inputs.rows)) { #expect(abs(a - b) < 1e-14) }
        for (a, b) in zip(net.readout(h), trace.outputs.row(inputs.rows - 1)) { #expect(abs(a - b) < 1e-14) }
    }

    @Test func learnsToRememberTheFirstInput() {
        // Output at the last step must equal the sign carried by the first input: needs memory.
        var rng = RandomGenerator(seed: 33)
        var net = GRUNetwork(inputSize: 1, hiddenSize: 8, outputSize: 1, using: &rng)
        var adam = Adam(learningRate: 0.01)
        let length = 5
        func sample(_ rng: inout RandomGenerator) -> (Matrix, Double) {
            let sign: Double = rng.nextUnit() < 0.5 ? -1 : 1
            var values = [sign]
            for _ in 1..<length { values.append(0.3 * rng.nextGaussian()) }
            return (Matrix(rows: length, columns: 1, values: values), sign)
        }
        for _ in 0..<1500 {
            let (inputs, target) = sample(&rng)
            let trace = net.forward(inputs)
            var dy = Matrix(rows: length, columns: 1)
            dy[length - 1, 0] = trace.outputs[length - 1, 0] - target
            adam.step(&net.parameters, gradient: net.backward(trace, outputGradients: dy).gradient)
        }
        var squaredError = 0.0
        for _ in 0..<200 {
            let (inputs, target) = sample(&rng)
            let y = net.forward(inputs).outputs[length - 1, 0]
            squaredError += (y - target) * (y - target)
        }
        // Mean squared error far below the 1.0 of predicting zero.
        #expect(squaredError / 200 < 0.05)
    }
}
