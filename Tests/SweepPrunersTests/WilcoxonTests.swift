import SweepPruners
import Testing

/// p-values from `scipy.stats.wilcoxon(d, alternative=..., zero_method="zsplit")`, SciPy 1.17.1.
@Suite struct WilcoxonTests {
    @Test func exactDistributionWithoutTiesOrZeros() {
        let d: [Double] = [1, 2, 3, 4, 5]
        #expect(WilcoxonSignedRank.test(d, alternative: .less) == .init(statistic: 15, pValue: 1, method: .exact))
        #expect(WilcoxonSignedRank.test(d, alternative: .greater) == .init(statistic: 15, pValue: 0.03125, method: .exact))
        let mixed: [Double] = [-1.5, 0.5, -2.0, -0.25, -3.0, 1.0]
        #expect(WilcoxonSignedRank.test(mixed, alternative: .less) == .init(statistic: 5, pValue: 0.15625, method: .exact))
    }

    @Test func permutationTestWithTiesOrZeros() {
        #expect(
            WilcoxonSignedRank.test([0, 0, 1, -1, 2], alternative: .greater)
                == .init(statistic: 10, pValue: 0.375, method: .permutation))
        #expect(
            WilcoxonSignedRank.test([0.5, -0.5, 1, 1, 0, 2, -3], alternative: .less)
                == .init(statistic: 18, pValue: 0.765625, method: .permutation))
        // All zeros: every sign flip gives the same statistic.
        #expect(WilcoxonSignedRank.test([0, 0, 0], alternative: .less).pValue == 1)
    }

    @Test func normalApproximationBeyondTheExactRange() {
        let ties = Array([[Double]](repeating: [1, 1, 1, -1], count: 5).joined())
        let r = WilcoxonSignedRank.test(ties, alternative: .greater)
        #expect(r.method == .normal && r.statistic == 157.5)
        #expect(Swift.abs(r.pValue - 0.012673659338734126) < 1e-15)
        let long = (1...60).map { Double($0) * ($0 % 2 == 1 ? 0.1 : -0.1) + 0.05 }
        let s = WilcoxonSignedRank.test(long, alternative: .less)
        #expect(s.method == .normal)
        #expect(Swift.abs(s.pValue - 0.48678598906850623) < 1e-15)
    }

    @Test func nanOrNothingGivesNaN() {
        #expect(WilcoxonSignedRank.test([], alternative: .less).pValue.isNaN)
        #expect(WilcoxonSignedRank.test([1, .nan], alternative: .less).pValue.isNaN)
    }
}
