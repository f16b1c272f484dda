import SweepCurves
import Testing

@Suite struct SparklineTests {
    @Test func rampUsesEveryBar() {
        #expect(Sparkline.render((0..<8).map(Double.init), width: 8) == "▁▂▃▄▅▆▇█")
    }

    @Test func bucketsDownsampleToTheWidth() {
        #expect(Sparkline.render((0..<80).map(Double.init), width: 8) == "▁▂▃▄▅▆▇█")
    }

    @Test func flatNaNAndEmpty() {
        #expect(Sparkline.render([2, 2, 2]) == "▄▄▄")
        #expect(Sparkline.render([0, .nan, 1]) == "▁ █")
        #expect(Sparkline.render([]) == "")
    }
}
