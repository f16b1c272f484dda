import SweepCore
import Testing

@testable import SweepRunner

/// Seed repetitions combined step by step: the mean, its standard error and each repetition.
@Suite struct RepeatCombinerTests {
    func step(_ s: Int, _ metrics: [String: Double]) -> StepReport { StepReport(step: s, metrics: metrics) }

    @Test func aStepWaitsForEveryRepetitionThatStillRuns() {
        var c = RepeatCombiner(repetitions: 3)
        #expect(c.add([step(0, ["r": 1]), step(1, ["r": 2])], from: 0).isEmpty)
        #expect(c.add([step(0, ["r": 3])], from: 1).isEmpty)
        let zero = c.add([step(0, ["r": 5])], from: 2)
        #expect(zero.map(\.step) == [0])
        #expect(zero[0].metrics["r"] == 3)
        #expect(zero[0].metrics["r[0]"] == 1 && zero[0].metrics["r[1]"] == 3 && zero[0].metrics["r[2]"] == 5)
        #expect(zero[0].metrics["r[se]"] == 2 / Double(3).squareRoot() * 2 / 2, "sd 2 over √3")
        // Repetition 1 ended without step 1: the step waits for repetition 2 only.
        #expect(c.end(1).isEmpty)
        let one = c.add([step(1, ["r": 4, "loss": 0.5])], from: 2)
        #expect(one.map(\.step) == [1] && one[0].metrics["r"] == 3 && one[0].metrics["loss"] == 0.5)
        #expect(one[0].metrics["loss[se]"] == 0, "one value: no spread")
        // A step only one repetition reached comes out at the end.
        _ = c.add([step(7, ["r": 9])], from: 0)
        #expect(c.flush().map(\.step) == [7])
        #expect(c.flush().isEmpty)
    }

    @Test func nanIsLeftOutAndHugeValuesDoNotOverflow() {
        var c = RepeatCombiner(repetitions: 2)
        _ = c.add([step(0, ["r": .nan])], from: 0)
        let out = c.add([step(0, ["r": 2])], from: 1)
        #expect(out[0].metrics["r"] == 2 && out[0].metrics["r[0]"]?.isNaN == true)
        var all = RepeatCombiner(repetitions: 1)
        #expect(all.add([step(0, ["r": .nan])], from: 0)[0].metrics["r"]?.isNaN == true)
    }
}
