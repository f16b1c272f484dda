import Foundation
import SweepCurves
import Testing

@Suite struct SmoothingTests {
    @Test func debiasedExponentialStartsAtTheFirstValue() {
        let s = Smoothing.exponentialMovingAverage([2, 4, 4], weight: 0.5)
        // Debiased: the first output is the first value, then (0.5·2·0.5 + 0.5·4)/(1 - 0.25).
        #expect(s[0] == 2)
        #expect(close(s[1], (0.25 * 2 + 0.5 * 4) / 0.75, 1e-12))
    }

    @Test func undebiasedExponentialStartsFromTheFirstValue() {
        let s = Smoothing.exponentialMovingAverage([2, 4], weight: 0.5, debiased: false)
        #expect(s == [2, 3])
    }

    @Test(arguments: [Smoothing.exponential(weight: 0.9), .trailing(window: 5), .centered(halfWidth: 3), .automatic(count: 100)])
    func aConstantCurveStaysConstant(_ smoothing: Smoothing) {
        // Every smoother keeps a constant curve constant (to rounding).
        #expect(smoothing.apply([Double](repeating: 3, count: 50)).allSatisfy { close($0, 3, 1e-9) })
    }

    @Test(arguments: [Smoothing.exponential(weight: 0.5), .trailing(window: 2), .centered(halfWidth: 1)])
    func nanStaysAGapAndDoesNotMoveTheState(_ smoothing: Smoothing) {
        let s = smoothing.apply([.nan, 1, .nan, 1])
        // Leading and inner NaN stay NaN; the finite values are unaffected by them.
        #expect(s[0].isNaN && s[2].isNaN)
        #expect(s[1] == 1 && s[3] == 1)
    }

    @Test func weightZeroAndWindowOneAreTheIdentity() {
        let x: [Double] = [1, 5, 2, 8]
        #expect(Smoothing.exponentialMovingAverage(x, weight: 0) == x)
        #expect(Smoothing.trailingMean(x, window: 1) == x)
        #expect(Smoothing.centeredMean(x, halfWidth: 0) == x)
    }

    @Test func trailingAndCenteredMeans() {
        #expect(Smoothing.trailingMean([1, 2, 3, 4], window: 3) == [1, 1.5, 2, 3])
        #expect(Smoothing.centeredMean([1, 2, 3, 4], halfWidth: 1) == [1.5, 2, 3, 3.5])
        // A centered mean has no lag on a straight line (away from the ends).
        let line = (0..<20).map(Double.init)
        #expect(Smoothing.centeredMean(line, halfWidth: 3)[10] == 10)
    }

    @Test func noiseLevelRecoversGaussianSigmaWithOrWithoutATrend() {
        let noise = Curves.noise(count: 4000, sigma: 0.1, seed: 1)
        // Within 10% of σ = 0.1, with and without a linear trend.
        #expect(close(Smoothing.noiseLevel(noise), 0.1, 0.01))
        let trend = (0..<4000).map { Double($0) / 1000 }
        #expect(close(Smoothing.noiseLevel(Curves.plus(noise, trend)), 0.1, 0.01))
    }

    @Test func noiseLevelOfConstantShortAndNaNCurves() {
        #expect(Smoothing.noiseLevel([Double](repeating: 1, count: 10)) == 0)
        #expect(Smoothing.noiseLevel([1, 2]) == 0)
        #expect(Smoothing.noiseLevel([.nan, .nan, .nan, .nan]) == 0)
    }

    @Test func automaticSpansGrowWithLength() {
        #expect(Smoothing.automatic(count: 5) == .exponential(weight: 0, debiased: true))
        #expect(Smoothing.automaticCentered(count: 200) == .centered(halfWidth: 10))
        #expect(Smoothing.automaticCentered(count: 10_000) == .centered(halfWidth: 25))
    }

    /// Prefix sums overflowed: one huge value made every later centered mean NaN.
    @Test(arguments: [Smoothing.centered(halfWidth: 1), .trailing(window: 2), .exponential(weight: 0.5)])
    func hugeValuesDoNotPoisonTheRest(smoothing: Smoothing) {
        let out = smoothing.apply([1e308, 1e308, -1e308, 1, 2, 3, 4])
        #expect(out.allSatisfy { $0.isFinite })
        #expect(Smoothing.noiseLevel([1e308, -1e308, 1e308, -1e308]).isFinite)
    }

    @Test func anEnormousWindowDoesNotTrap() {
        #expect(Smoothing.centeredMean([1, 2, 3], halfWidth: .max) == [2, 2, 2])
        #expect(Smoothing.trailingMean([1, 2, 3], window: .max) == [1, 1.5, 2])
    }
}
