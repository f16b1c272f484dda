import Testing
@testable import SweepML

@Suite struct OptimizerTests {
    /// f(θ) = Σ a_i (θ_i - c_i)², an ill-conditioned quadratic.
    let scales = [1.0, 10.0, 100.0]
    let centre = [3.0, -2.0, 0.5]

    func gradient(_ theta: [Double]) -> [Double] {
        theta.indices.map { 2 * scales[$0] * (theta[$0] - centre[$0]) }
    }

    @Test func adamConvergesOnAQuadratic() {
        var theta = [0.0, 0.0, 0.0]
        var adam = Adam(learningRate: 0.05)
        for _ in 0..<3000 { adam.step(&theta, gradient: gradient(theta)) }
        // Every coordinate within 1e-3 of the minimum.
        for i in theta.indices { #expect(abs(theta[i] - centre[i]) < 1e-3) }
        #expect(adam.stepCount == 3000)
    }

    @Test func sgdWithMomentumConvergesOnAQuadratic() {
        var theta = [0.0, 0.0, 0.0]
        var sgd = SGD(learningRate: 0.004, momentum: 0.9)
        for _ in 0..<2000 { sgd.step(&theta, gradient: gradient(theta)) }
        for i in theta.indices { #expect(abs(theta[i] - centre[i]) < 1e-3) }
    }

    @Test func clippingBoundsTheStep() {
        var theta = [0.0, 0.0]
        var sgd = SGD(learningRate: 1)
        sgd.step(&theta, gradient: [30, 40], clippingNorm: 5)
        // The gradient of norm 50 is scaled to norm 5.
        #expect(theta == [-3, -4])
    }
}
