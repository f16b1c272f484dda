import Foundation
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

    /// Kolmogorov–Smirnov against Φ: D·√n stays below 1.63 (the 1% critical value).
    @Test func zigguratNormalPassesAKolmogorovSmirnovTest() {
        var rng = RandomGenerator(seed: 11)
        let n = 200_000
        let draws = (0..<n).map { _ in rng.nextNormal() }.sorted()
        var distance = 0.0
        for (i, x) in draws.enumerated() {
            let cdf = 0.5 * erfc(-x / 2.0.squareRoot())
            distance = max(distance, abs(cdf - Double(i) / Double(n)), abs(Double(i + 1) / Double(n) - cdf))
        }
        #expect(distance * Double(n).squareRoot() < 1.63)
        // Third and fourth moments: 0 and 3 (standard errors 0.0055 and 0.022).
        let m3 = draws.reduce(0) { $0 + $1 * $1 * $1 } / Double(n)
        let m4 = draws.reduce(0) { $0 + $1 * $1 * $1 * $1 } / Double(n)
        #expect(abs(m3) < 0.03)
        #expect(abs(m4 - 3) < 0.1)
    }

    /// The ziggurat's tail (beyond r) and wedges: the fraction beyond 2, 3 and 4 standard
    /// deviations against 2(1 − Φ(z)), within 5 standard errors.
    @Test func zigguratNormalHasTheRightTails() {
        var rng = RandomGenerator(seed: 12)
        let n = 2_000_000
        var beyond = [0, 0, 0]
        let cuts = [2.0, 3.0, 4.0]
        for _ in 0..<n {
            let x = abs(rng.nextNormal())
            for k in 0..<3 where x > cuts[k] { beyond[k] += 1 }
        }
        for k in 0..<3 {
            let p = erfc(cuts[k] / 2.0.squareRoot())
            let se = (p * (1 - p) / Double(n)).squareRoot()
            #expect(abs(Double(beyond[k]) / Double(n) - p) < 5 * se)
        }
    }

    /// Gamma draws by the inline fast path followed by the full algorithm (as Thompson sampling
    /// does) against the known law: mean a, variance a and the
    /// third central moment 2a.
    @Test(arguments: [0.5, 1.0, 2.0, 7.0, 150.0, 9_000.0])
    func gammaMatchesItsLawAcrossShapes(_ shape: Double) {
        var rng = RandomGenerator(seed: 13)
        let n = 300_000
        let g = GammaShape(shape)
        var sum = 0.0
        var squares = 0.0
        var cubes = 0.0
        for _ in 0..<n {
            let x = rng.nextGamma(g) - shape
            sum += x
            squares += x * x
            cubes += x * x * x
        }
        let mean = sum / Double(n)
        let variance = squares / Double(n) - mean * mean
        // Central moments of Gamma(a): variance a, third 2a. Tolerances ≥ 5 standard errors.
        #expect(abs(mean) < 5 * (shape / Double(n)).squareRoot())
        #expect(abs(variance / shape - 1) < 5 * (2 + 6 / shape) .squareRoot() / Double(n).squareRoot() + 1e-3)
        // The third's standard error from the sixth central moment 15a³ + 130a² + 120a.
        let sixth = 15 * shape * shape * shape + 130 * shape * shape + 120 * shape
        let thirdError = (sixth - 4 * shape * shape).squareRoot() / Double(n).squareRoot()
        #expect(abs(cubes / Double(n) - 2 * shape) < 5 * thirdError)
    }

    /// Whenever the inline fast path accepts an output, the full algorithm started from that
    /// output returns the same value and draws nothing more.
    @Test func gammaFastPathAndFullAlgorithmAgree() {
        let ziggurat = Ziggurat.shared
        var rng = RandomGenerator(seed: 14)
        for shape in [0.3, 1.0, 3.0, 50.0] {
            let g = GammaShape(shape)
            for _ in 0..<20_000 {
                let bits = rng.next()
                let fast = g.fastDraw(bits, ziggurat: ziggurat)
                if !fast.isNaN {
                    // The full algorithm accepts the same first output without drawing more.
                    var full = g.draw(startingWith: bits, ziggurat: ziggurat, generator: rng)
                    var same = rng
                    #expect(full.value == fast)
                    #expect(full.rng.next() == same.next())
                }
            }
        }
    }

    /// Beta(a, b) = X/(X+Y) over small, mixed and large shapes: mean and variance.
    @Test(arguments: [(1.0, 1.0), (0.5, 0.5), (2.0, 30.0), (9_000.0, 400.0)])
    func betaHasItsMomentsAcrossShapes(_ shapes: (Double, Double)) {
        let (a, b) = shapes
        var rng = RandomGenerator(seed: 15)
        let (mean, variance) = moments(200_000) { rng.nextBeta(alpha: a, beta: b) }
        let expectedVariance = a * b / ((a + b) * (a + b) * (a + b + 1))
        #expect(abs(mean - a / (a + b)) < 5 * (expectedVariance / 200_000).squareRoot())
        #expect(abs(variance / expectedVariance - 1) < 0.03)
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
