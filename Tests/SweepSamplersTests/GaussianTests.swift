import Foundation
import SweepCore
import Testing

@testable import SweepSamplers

/// Reference values from SciPy (`log_ndtr`) and mpmath at 50 digits.
@Suite struct GaussianTests {
    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test func cdf() {
        #expect(Gaussian.cdf(0) == 0.5)
        #expect(close(Gaussian.cdf(-1.96), 0.024997895148220435, 1e-13))
    }

    @Test func logCDFInBothTails() {
        #expect(close(Gaussian.logCDF(-3), -6.60772622151035))
        #expect(close(Gaussian.logCDF(-30), -454.32124395634327))
        #expect(close(Gaussian.logCDF(-36), -652.5032275937986))
        #expect(close(Gaussian.logCDF(-40), -804.6084420137539))
        #expect(close(Gaussian.logCDF(10), -7.61985302416047e-24, 1e-9))
    }

    @Test func logMassEverywhere() {
        #expect(close(Gaussian.logMass(-1, 1), -0.38171514630212616))
        #expect(close(Gaussian.logMass(-0.5, 8), -0.3689464152886573))
        #expect(close(Gaussian.logMass(-31, -30), -454.32124395634327))
        #expect(close(Gaussian.logMass(30, 31), -454.32124395634327))
        #expect(close(Gaussian.logMass(-50, -49.9), -1249.8411418668054))
        #expect(close(Gaussian.logMass(2, 2.001), -9.827693812103586, 1e-9))
        #expect(Gaussian.logMass(1, 1) == -.infinity)
    }

    @Test func quantileInvertsTheCDF() {
        // Above 3, Φ(x) rounds away the digits that fix x, so the lower tail and centre are checked;
        // sampling only ever inverts probabilities below 1/2.
        for x in stride(from: -30.0, through: 3, by: 0.37) {
            let p = Gaussian.cdf(x)
            #expect(abs(Gaussian.quantile(p) - x) < 1e-9 * max(1, abs(x)), "x = \(x)")
        }
        #expect(abs(Gaussian.quantile(0.975) - 1.959963984540054) < 1e-12)
        #expect(abs(Gaussian.quantile(1e-300) + 37.0470962993612) < 1e-9)
    }

    @Test func truncatedDrawsStayInsideTheInterval() {
        var rng = SplitMix64(seed: 9)
        let intervals: [(Double, Double)] = [(-1, 1), (0, 0.001), (-40, -39), (39, 40), (-3, 50), (5, 6), (-0.1, 0.1)]
        for (a, b) in intervals {
            for _ in 0..<500 {
                let x = Gaussian.truncatedDraw(a, b, u: rng.nextUnit())
                #expect(x >= a && x <= b, "\(x) outside [\(a), \(b)]")
            }
        }
        #expect(Gaussian.truncatedDraw(2, 2, u: 0.3) == 2)
    }

    @Test func truncatedDrawsHaveTheRightMean() {
        // Mean of the standard normal truncated to [0, ∞) is √(2/π).
        var rng = SplitMix64(seed: 4)
        let n = 20000
        var sum = 0.0
        for _ in 0..<n { sum += Gaussian.truncatedDraw(0, 40, u: rng.nextUnit()) }
        #expect(abs(sum / Double(n) - (2 / Double.pi).squareRoot()) < 0.02)
    }
}
