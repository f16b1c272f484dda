import Testing
@testable import SweepML

@Suite struct ActivationTests {
    @Test(arguments: [Activation.identity, .tanh, .sigmoid, .relu])
    func derivativeFromOutputMatchesFiniteDifference(_ f: Activation) {
        for x in [-1.3, -0.2, 0.4, 2.1] {
            let h = 1e-6
            let numeric = (f.apply(x + h) - f.apply(x - h)) / (2 * h)
            // Within 1e-8 of the central difference away from ReLU's kink.
            #expect(abs(f.derivative(output: f.apply(x)) - numeric) < 1e-8)
        }
    }

    @Test func logisticIsStableAtExtremes() {
        #expect(Activation.logistic(-800) == 0)
        #expect(Activation.logistic(800) == 1)
        #expect(Activation.logistic(0) == 0.5)
    }

    @Test func softmaxIsStableAndNormalised() {
        let p = Softmax.probabilities([1000, 1000, 999])
        #expect(abs(p.reduce(0, +) - 1) < 1e-12)
        #expect(abs(p[0] - p[1]) < 1e-15)
        #expect(abs(Softmax.logSumExp([0, 0]) - _mlLog(2)) < 1e-15)
    }
}
