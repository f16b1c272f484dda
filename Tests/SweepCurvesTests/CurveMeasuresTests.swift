import Foundation
import SweepCurves
import Testing

@Suite struct CurveMeasuresTests {
    @Test func linearRampValues() {
        let m = CurveMeasures(values: (0..<100).map { Double($0) / 99 })
        #expect(m.final == 1 && m.finalStep == 99)
        #expect(m.maximum == 1 && m.maximumStep == 99)
        #expect(m.minimum == 0 && m.minimumStep == 0)
        // The step-normalised area of a line from 0 to 1 is 0.5.
        #expect(close(m.area, 0.5, 1e-12))
        #expect(close(m.noise, 0, 1e-12))
        #expect(m.best == 1 && m.bestStep == 99)
    }

    @Test func logisticHasItsInflectionOnsetAndHalfway() {
        let m = CurveMeasures(values: Curves.logistic(count: 300, midpoint: 100, width: 10))
        // Inflection and halfway at the midpoint; onset where the logistic reaches 10%: 100 − 10·ln 9 ≈ 78.
        #expect(near(m.inflectionStep, 100, 3))
        #expect(near(m.halfwayStep, 100, 3))
        #expect(near(m.onsetStep, 78, 5))
        // Rate: half the gain over the steps to halfway, ≈ 0.5 / 100.
        #expect(close(m.rate, 0.005, 0.0005))
    }

    @Test func stepFunctionStopsAndPlateausAfterTheJump() {
        let x = (0..<200).map { $0 < 50 ? 0.0 : 1.0 }
        let m = CurveMeasures(values: x)
        // With a centered mean of half-width 10, the smoothed curve is within 2% of 1 from step 60.
        #expect(near(m.inflectionStep, 49, 1))
        #expect(near(m.stopStep, 60, 2))
        #expect(near(m.plateauStep, 60, 2))
        #expect(near(m.onsetStep, 42, 2))
    }

    @Test func rampIntoPlateau() {
        let m = CurveMeasures(values: (0..<300).map { min(Double($0), 100) / 100 })
        // The corner at step 100, rounded by the smoother.
        #expect(near(m.plateauStep, 105, 5))
        #expect(near(m.stopStep, 105, 5))
        // The smoothed start is the mean of the first 16 values (0.075), so the gain is 0.925.
        #expect(close(m.gain, 0.925, 0.001))
    }

    @Test func constantCurveDoesNotLearn() {
        let m = CurveMeasures(values: [Double](repeating: 0.3, count: 50))
        #expect(m.gain < 1e-12 && m.rate == 0)
        #expect(m.onsetStep == nil && m.inflectionStep == nil && m.halfwayStep == nil)
        // It is on its plateau from the start, and there is nothing to wait for.
        #expect(m.plateauStep == 0 && m.stopStep == 0)
    }

    @Test func pureNoiseDoesNotLearn() {
        let m = CurveMeasures(values: Curves.noise(count: 500, sigma: 1, seed: 7))
        #expect(m.onsetStep == nil)
        #expect(m.rate == 0)
        #expect(close(m.noise, 1, 0.15))
    }

    @Test func nanValuesAreSkipped() {
        let m = CurveMeasures(values: [.nan, 1, .nan, 3, 2, .nan])
        #expect(m.count == 3)
        // The final value is the last finite one, at its real position.
        #expect(m.final == 2 && m.finalStep == 4)
        #expect(m.maximum == 3 && m.maximumStep == 3)
        let expectedArea: Double = (2.0 * 2 + 2.5) / 3  // trapezoids over steps 1–3 and 3–4
        #expect(close(m.area, expectedArea, 1e-12))
        #expect(m.smoothed[0].isNaN && m.smoothed[2].isNaN)
    }

    @Test func allNaNIsUndefined() {
        let m = CurveMeasures(values: [.nan, .nan])
        #expect(m.final.isNaN && m.area.isNaN && m.finalStep == nil && m.stopStep == nil && m.plateauStep == nil)
    }

    @Test func minimizeMirrorsMaximize() {
        let up = Curves.logistic(count: 300, midpoint: 120, width: 8)
        let a = CurveMeasures(values: up, direction: .maximize)
        let b = CurveMeasures(values: up.map { 2 - $0 }, direction: .minimize)
        // A falling loss is measured like the rising curve it mirrors.
        #expect(a.onsetStep == b.onsetStep && a.inflectionStep == b.inflectionStep && a.stopStep == b.stopStep)
        #expect(close(a.rate, b.rate, 1e-12))
        #expect(close(b.best, 1, 0.001) && b.bestStep == b.minimumStep)
    }

    @Test func realStepsAreUsedInOutputs() {
        let values = Curves.logistic(count: 300, midpoint: 100, width: 10)
        let m = CurveMeasures(values: values, steps: (0..<300).map { $0 * 10 })
        #expect(near(m.inflectionStep, 1000, 30))
        #expect(m.finalStep == 2990)
        // The rate is per step, so ten times smaller.
        #expect(close(m.rate, 0.0005, 0.00005))
    }

    @Test func risingThenFallingStopsNearThePeak() {
        let x: [Double] = (0..<200).map { (t: Int) -> Double in
            let u = Double(t)
            return u < 80 ? u / 80 : 1 - (u - 80) / 240
        }
        let m = CurveMeasures(values: x)
        // Stop near the peak at 80; the plateau (final level) is only reached at the end.
        #expect(near(m.stopStep, 80, 8))
        #expect(m.plateauStep.map { $0 > 150 } == true)
    }

    @Test func bestSoFar() {
        #expect(CurveMeasures.bestSoFar([.nan, 1, 3, .nan, 2]).dropFirst() == [1, 3, 3, 3])
        #expect(CurveMeasures.bestSoFar([3, 1, 2], direction: .minimize) == [3, 1, 1])
    }

    @Test func recordsUseTheirDirectionAndSteps() {
        let r = CurveRecord(id: "a", curve: [3, 2, 1], steps: [5, 6, 9], direction: "minimize")
        let m = CurveMeasures(r)
        #expect(m.direction == .minimize && m.best == 1 && m.bestStep == 9)
    }

    /// Sums and ranges of values near ±1e308 used to overflow to infinity (and NaN after).
    @Test func extremeFiniteValuesGiveFiniteMeasures() {
        let m = CurveMeasures(values: [-1e308, 1e308, -1e308, 1e308, 1e308])
        #expect(m.final == 1e308 && m.maximum == 1e308 && m.minimum == -1e308)
        #expect(m.area.isFinite && m.noise.isFinite && m.rate.isFinite && m.smoothedBest.isFinite)
        // The gain (2e308) is beyond Double: it saturates.
        #expect(m.gain == .greatestFiniteMagnitude)
        #expect(m.smoothed.allSatisfy { $0.isFinite })
        #expect(m.plateauStep != nil && m.stopStep != nil)
        #expect(CurveMeasures.area([1e308, 1e308]) == 1e308)
    }

    @Test func hugeCurvesMeasureLikeTheirScaledCopies() {
        let values = Curves.logistic(count: 60, midpoint: 20, width: 3)
        let small = CurveMeasures(values: values)
        let huge = CurveMeasures(values: values.map { $0 * 0x1p1000 })
        #expect(huge.onsetStep == small.onsetStep && huge.stopStep == small.stopStep && huge.plateauStep == small.plateauStep)
        #expect(huge.inflectionStep == small.inflectionStep && huge.halfwayStep == small.halfwayStep)
        #expect(huge.gain == small.gain * 0x1p1000)
    }
}
