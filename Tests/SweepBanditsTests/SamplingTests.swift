import SweepML
import Testing
@testable import SweepBandits

@Suite struct SamplingTests {
    /// Mean and variance of `n` draws.
    func moments(_ n: Int, _ draw: () -> Double) -> (mean: Double, variance: Double) {
        var sum = 0.0
        var squares = 0.0
        for _ in 0..<n {
            let x = draw()
            sum += x
            squares += x * x
        }
        let mean = sum / Double(n)
        return (mean, squares / Double(n) - mean * mean)
    }

    @Test func zigguratNormalHasUnitMomentsAndTails() {
        var rng = RandomGenerator(seed: 1)
        let (mean, variance) = moments(400_000) { rng.nextNormal() }
        // Standard errors are 0.0016 (mean) and 0.0022 (variance).
        #expect(abs(mean) < 0.01)
        #expect(abs(variance - 1) < 0.015)
        var beyond = 0
        for _ in 0..<400_000 where abs(rng.nextNormal()) > 3.442619855899 { beyond += 1 }
        // P(|Z| > r) = 5.76e-4: about 230 of 400,000, from the tail algorithm.
        #expect((170...290).contains(beyond))
    }

    @Test(arguments: [0.3, 1.0, 2.5, 40.0])
    func gammaHasMeanAndVarianceEqualToItsShape(_ shape: Double) {
        var rng = RandomGenerator(seed: 2)
        let (mean, variance) = moments(200_000) { rng.nextGamma(shape: shape) }
        // Relative tolerance 2% on the mean, 5% on the variance (≥ 4 standard errors).
        #expect(abs(mean - shape) < 0.02 * shape)
        #expect(abs(variance - shape) < 0.05 * shape)
        var fast = RandomGenerator(seed: 2)
        var slow = RandomGenerator(seed: 2)
        // The precomputed-shape path draws the same numbers.
        for _ in 0..<100 { #expect(fast.nextGamma(GammaShape(shape)) == slow.nextGamma(shape: shape)) }
    }

    @Test func betaHasItsMeanAndVariance() {
        var rng = RandomGenerator(seed: 3)
        let (a, b) = (2.0, 5.0)
        let (mean, variance) = moments(200_000) { rng.nextBeta(alpha: a, beta: b) }
        #expect(abs(mean - a / (a + b)) < 0.003)
        #expect(abs(variance - a * b / ((a + b) * (a + b) * (a + b + 1))) < 0.001)
    }
}
