import SweepCurves
import Testing

@Suite struct CurveComparisonTests {
    static let a = Curves.plus([Double](repeating: 1, count: 100), Curves.noise(count: 100, sigma: 0.1, seed: 1))
    static let b = Curves.plus([Double](repeating: 0, count: 100), Curves.noise(count: 100, sigma: 0.1, seed: 2))

    @Test func aClearlyBetterCurveIsAlmostSurelyBetter() {
        let c = CurveComparison(a: Self.a, b: Self.b)
        #expect(c.probabilityFirstIsBetter > 0.999)
        // The window is the last 20 of 100 values of each.
        #expect(c.countFirst == 20 && c.countSecond == 20 && c.windowStart == 80)
        // Swapped, the confidence is the complement.
        let swapped = CurveComparison(a: Self.b, b: Self.a)
        #expect(abs(swapped.probabilityFirstIsBetter - (1 - c.probabilityFirstIsBetter)) < 1e-9)
    }

    @Test func minimizeFlipsTheAnswer() {
        #expect(CurveComparison(a: Self.a, b: Self.b, direction: .minimize).probabilityFirstIsBetter < 0.001)
    }

    @Test func sameLevelIsUncertain() {
        let c = CurveComparison(a: Self.b, b: Curves.plus(Self.b, [Double](repeating: 0.01, count: 100)))
        // A shift of a tenth of the noise leaves the answer open.
        #expect(c.probabilityFirstIsBetter > 0.2 && c.probabilityFirstIsBetter < 0.5)
        #expect(CurveComparison(a: Self.b, b: Self.b).probabilityFirstIsBetter == 0.5)
    }

    @Test func noiselessCurvesGiveCertainty() {
        #expect(CurveComparison(a: [1, 1, 1], b: [0, 0, 0]).probabilityFirstIsBetter == 1)
        #expect(CurveComparison(a: [1, 1, 1], b: [1, 1, 1]).probabilityFirstIsBetter == 0.5)
    }

    @Test func onlyCommonStepsCount() {
        // B stops at step 9; A's later values (all high) are not in the window.
        let a = [Double](repeating: 0, count: 10) + [Double](repeating: 5, count: 90)
        let c = CurveComparison(a: a, b: [Double](repeating: 1, count: 10))
        #expect(c.probabilityFirstIsBetter == 0)
    }

    @Test func aCurveWithoutValuesLoses() {
        #expect(CurveComparison(a: [.nan], b: [1]).probabilityFirstIsBetter == 0)
    }

    @Test func recordsCompareInTheFirstDirection() {
        let x = CurveRecord(id: "x", curve: [1, 1, 1], direction: "minimize")
        let y = CurveRecord(id: "y", curve: [2, 2, 2], direction: "minimize")
        #expect(CurveComparison(x, y).probabilityFirstIsBetter == 1)
    }

    /// Variances of values near 1e308 overflowed, and the probability came out 0.
    @Test func hugeValuesCompareLikeOrdinaryOnes() {
        let a = (0..<20).map { 1e308 - Double($0 % 2) * 1e307 }
        let b = (0..<20).map { -1e308 + Double($0 % 2) * 1e307 }
        let c = CurveComparison(a: a, b: b)
        #expect(c.probabilityFirstIsBetter > 0.99)
        #expect(c.meanDifference == .greatestFiniteMagnitude)
    }
}
