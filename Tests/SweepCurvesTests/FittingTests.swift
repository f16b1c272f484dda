import Foundation
import SweepCurves
import Testing

/// A family with known parameters, sampled at steps 0..<count (so `scale = count`).
private struct Truth: Sendable, CustomStringConvertible {
    var family: CurveFamily
    var c: Double
    var a: Double
    var shape: [Double]

    func value(step: Double, scale: Double) -> Double {
        c + a * family.basis((step + 1) / scale, scale: scale, shape.first ?? 0, shape.count > 1 ? shape[1] : 0)
    }

    func curve(count: Int) -> [Double] {
        (0..<count).map { value(step: Double($0), scale: Double(count)) }
    }

    var description: String { "\(family)" }
}

private let truths: [Truth] = [
    Truth(family: .pow3, c: 0.9, a: -0.02, shape: [0.7]),
    Truth(family: .pow4, c: 0.9, a: -0.5, shape: [0.1, 1.2]),
    Truth(family: .exp3, c: 0.8, a: -0.7, shape: [4]),
    Truth(family: .log2, c: 0.6, a: 0.1, shape: []),
    Truth(family: .ilog2, c: 1.0, a: -0.8, shape: []),
    Truth(family: .janoschek, c: 0.9, a: -0.8, shape: [3, 1.5]),
    Truth(family: .weibull, c: 0.9, a: -0.8, shape: [2.5, 1.3]),
    Truth(family: .mmf, c: 0.9, a: -0.8, shape: [4, 2]),
]

/// Seeded Gaussian noise (Box–Muller on a 64-bit LCG), so the tests do not depend on other files.
private func gaussianNoise(count: Int, sigma: Double, seed: UInt64) -> [Double] {
    var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    func uniform() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (Double(state >> 11) + 0.5) / Double(1 << 53)
    }
    return (0..<count).map { _ in sigma * (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform()) }
}

@Suite struct FittingTests {
    @Test(arguments: truths)
    fileprivate func eachFamilyRecoversItsOwnNoiselessParameters(_ truth: Truth) throws {
        let n = 40  // at most `maxPoints`: no binning
        let steps = (0..<n).map(Double.init)
        let fit = try #require(CurveFitter().fit(truth.family, steps: steps, values: truth.curve(count: n)))
        // Parameters within 2% (relative) of the truth, the fit within 1e-6 everywhere.
        #expect(abs(fit.c - truth.c) <= 0.02 * abs(truth.c), "c \(fit.c)")
        #expect(abs(fit.a - truth.a) <= 0.02 * abs(truth.a), "a \(fit.a)")
        for (got, want) in zip(fit.shape, truth.shape) { #expect(abs(got - want) <= 0.02 * want, "shape \(fit.shape)") }
        #expect(fit.noise < 1e-5)
        for s in stride(from: 0.0, to: Double(n), by: 7) {
            #expect(abs(fit.value(atStep: s) - truth.value(step: s, scale: Double(n))) < 1e-5)
        }
    }

    @Test(arguments: truths)
    fileprivate func eachFamilyFitsItsOwnNoisySamples(_ truth: Truth) throws {
        let n = 100
        let sigma = 0.01
        let values = zip(truth.curve(count: n), gaussianNoise(count: n, sigma: sigma, seed: 7)).map { $0 + $1 }
        let fit = try #require(CurveFitter().fit(truth.family, steps: (0..<n).map(Double.init), values: values))
        // The residual noise estimates the noise; the fitted curve stays within 3σ/√(n/10) of the truth.
        #expect(abs(fit.noise - sigma) < 0.3 * sigma, "noise \(fit.noise)")
        for s in stride(from: 5.0, to: Double(n), by: 10) {
            #expect(abs(fit.value(atStep: s) - truth.value(step: s, scale: Double(n))) < 0.01, "step \(s)")
        }
    }

    @Test func theEnsemblePredictsAHeldOutFinalValue() throws {
        // A saturating curve with noise: 200 steps, fitted on the first 80.
        let full = (0..<200).map { 0.9 - 0.6 * exp(-Double($0) / 25) }
        let noisy = zip(full, gaussianNoise(count: 200, sigma: 0.01, seed: 3)).map { $0 + $1 }
        let ensemble = CurveFitter().ensemble(steps: (0..<80).map(Double.init), values: Array(noisy.prefix(80)))
        let p = try #require(ensemble.prediction(atStep: 199))
        // Within 0.02 of the truth, and the truth inside 3 standard deviations.
        #expect(abs(p.mean - full[199]) < 0.02, "\(p)")
        #expect(abs(p.mean - full[199]) < 3 * p.reportSD, "\(p)")
        #expect(abs(p.noise - 0.01) < 0.004)
        #expect(abs(ensemble.weights.reduce(0, +) - 1) < 1e-12)
    }

    @Test func aFallingLossCurveIsPredictedToo() throws {
        // Minimized losses fall: a negative amplitude turns positive.
        let full = (0..<120).map { 0.1 + 2 * pow(Double($0) + 1, -0.8) }
        let ensemble = CurveFitter().ensemble(steps: (0..<60).map(Double.init), values: Array(full.prefix(60)))
        let p = try #require(ensemble.prediction(atStep: 119))
        #expect(abs(p.mean - full[119]) < 0.01, "\(p)")
    }

    @Test func theUncertaintyShrinksAsThePrefixGrows() throws {
        let full = (0..<200).map { 0.9 - 0.6 * exp(-Double($0) / 40) }
        let noisy = zip(full, gaussianNoise(count: 200, sigma: 0.02, seed: 11)).map { $0 + $1 }
        let fitter = CurveFitter()
        let early = try #require(fitter.ensemble(steps: (0..<20).map(Double.init), values: Array(noisy.prefix(20))).prediction(atStep: 199))
        let late = try #require(fitter.ensemble(steps: (0..<150).map(Double.init), values: Array(noisy.prefix(150))).prediction(atStep: 199))
        #expect(early.sd > late.sd)
    }

    @Test func tooFewOrNonFinitePointsFitNothing() {
        let fitter = CurveFitter()
        #expect(fitter.fit(steps: [0, 1], values: [0.1, 0.2]).isEmpty)
        #expect(fitter.fit(steps: [0, 1, 2, 3, 4], values: [.nan, .nan, .nan, 0.1, .infinity]).isEmpty)
        // NaNs are skipped, not fitted.
        let values = (0..<30).map { $0 % 5 == 0 ? Double.nan : 0.5 + 0.01 * Double($0) }
        let fits = fitter.fit(steps: (0..<30).map(Double.init), values: values)
        #expect(!fits.isEmpty)
        #expect(fits.allSatisfy { $0.value(atStep: 10).isFinite })
        #expect(CurveEnsemble(fits: []).prediction(atStep: 10) == nil)
    }

    @Test func longPrefixesAreBinnedSoFittingStaysCheap() throws {
        // 5,000 reports fit like their 48 bin means: the same curve within the noise.
        let n = 5000
        let values = (0..<n).map { 0.8 - 0.5 * exp(-Double($0) / 800) }
        let fit = try #require(CurveFitter().fit(.exp3, steps: (0..<n).map(Double.init), values: values))
        #expect(fit.pointCount == 48)
        #expect(abs(fit.value(atStep: 4999) - values[4999]) < 1e-3)
    }
}
