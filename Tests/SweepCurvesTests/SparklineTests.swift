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

    /// Used to trap ("Double value cannot be converted to Int"): the range 2e308 overflowed.
    @Test func extremeFiniteValuesKeepTheirOrder() {
        #expect(Sparkline.render([1e308, -1e308]) == "█▁")
        #expect(Sparkline.render([-Double.greatestFiniteMagnitude, 0, .greatestFiniteMagnitude]) == "▁▅█")
        // Bucket means of huge values do not overflow either.
        #expect(Sparkline.render([1e308, 1e308, -1e308, -1e308], width: 2) == "█▁")
    }

    @Test func infinitiesAreGaps() {
        #expect(Sparkline.render([.infinity, 1, -.infinity, 2]) == " ▁ █")
        #expect(Sparkline.render([.nan, .infinity]) == "  ")
    }
}
