import Testing
@testable import SweepML

@Suite struct MLPTests {
    @Test(arguments: [Activation.tanh, .sigmoid])
    func squaredErrorGradientMatchesFiniteDifferences(_ activation: Activation) {
        var rng = RandomGenerator(seed: 21)
        let model = MLP(inputSize: 4, hiddenSizes: [5, 3], outputSize: 2, activation: activation, using: &rng)
        let x = GradientCheck.gaussian(4, &rng)
        let target = [0.3, -0.7]
        var trace = MLP.Trace()
        let (_, dOut) = Loss.meanSquared(output: model.forward(x, trace: &trace), target: target)
        let analytic = model.backward(trace: trace, outputGradient: dOut)
        let numeric = GradientCheck.numerical(model.parameters) { theta in
            var m = model
            m.parameters = theta
            return Loss.meanSquared(output: m.forward(x), target: target).loss
        }
        // Relative error below 1e-5 for every weight and bias.
        #expect(GradientCheck.maxRelativeError(analytic, numeric) < 1e-5)
    }

    @Test func crossEntropyGradientMatchesFiniteDifferences() {
        var rng = RandomGenerator(seed: 22)
        let model = MLP(inputSize: 3, hiddenSizes: [6], outputSize: 4, activation: .tanh, using: &rng)
        let x = GradientCheck.gaussian(3, &rng)
        var trace = MLP.Trace()
        let (_, dOut) = Loss.softmaxCrossEntropy(logits: model.forward(x, trace: &trace), label: 1)
        let analytic = model.backward(trace: trace, outputGradient: dOut)
        let numeric = GradientCheck.numerical(model.parameters) { theta in
            var m = model
            m.parameters = theta
            return Loss.softmaxCrossEntropy(logits: m.forward(x), label: 1).loss
        }
        #expect(GradientCheck.maxRelativeError(analytic, numeric) < 1e-5)
    }

    @Test func inputGradientMatchesFiniteDifferences() {
        var rng = RandomGenerator(seed: 23)
        let model = MLP(inputSize: 3, hiddenSizes: [4], outputSize: 1, activation: .tanh, using: &rng)
        let x = GradientCheck.gaussian(3, &rng)
        var trace = MLP.Trace()
        _ = model.forward(x, trace: &trace)
        var sink = [Double](repeating: 0, count: model.parameters.count)
        let analytic = model.accumulateGradient(trace: trace, outputGradient: [1], into: &sink)
        let numeric = GradientCheck.numerical(x) { model.forward($0)[0] }
        #expect(GradientCheck.maxRelativeError(analytic, numeric) < 1e-5)
    }

    @Test(arguments: [Activation.tanh, .relu])
    func fitsXOR(_ activation: Activation) {
        var rng = RandomGenerator(seed: 24)
        var model = MLP(inputSize: 2, hiddenSizes: [8], outputSize: 1, activation: activation, using: &rng)
        var adam = Adam(learningRate: 0.02)
        let data: [([Double], Double)] = [([0, 0], 0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 0)]
        for _ in 0..<1500 {
            for (x, y) in data { model.train(x, target: [y], optimizer: &adam) }
        }
        // Every XOR output within 0.1 of its target.
        for (x, y) in data { #expect(abs(model.forward(x)[0] - y) < 0.1) }
    }

    @Test func classifiesXORWithCrossEntropy() {
        var rng = RandomGenerator(seed: 25)
        var model = MLP(inputSize: 2, hiddenSizes: [8], outputSize: 2, activation: .tanh, using: &rng)
        var sgd = SGD(learningRate: 0.1, momentum: 0.9)
        let data: [([Double], Int)] = [([0, 0], 0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 0)]
        for _ in 0..<1000 {
            for (x, y) in data { model.train(x, label: y, optimizer: &sgd) }
        }
        for (x, y) in data { #expect(Vector.argmax(model.forward(x)) == y) }
    }
}
