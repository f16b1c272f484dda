import Testing

@testable import SweepCore

@Suite struct MetricCurveTests {
    @Test func aRepeatedStepKeepsTheFirstValue() {
        var c = MetricCurve()
        let first = c.record(step: 0, value: 1)
        let second = c.record(step: 1, value: 2)
        let repeated = c.record(step: 1, value: 99)
        #expect(first && second)
        #expect(!repeated)
        #expect(c.value(at: 1) == 2)
        #expect(c.lastStep == 1)
    }

    @Test func outOfOrderStepsStillAnswerLastStepAsTheLargest() {
        var c = MetricCurve()
        c.record(step: 5, value: 1)
        c.record(step: 2, value: 3)
        #expect(c.steps == [2, 5], "kept in step order")
        #expect(c.lastStep == 5)
        #expect(c.lastValue == 1)
        let repeated = c.record(step: 2, value: 4)
        #expect(!repeated)
        #expect(c.sortedPairs.map(\.step) == [2, 5])
    }
}
