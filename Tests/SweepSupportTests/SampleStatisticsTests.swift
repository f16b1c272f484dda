import SweepSupport
import Testing

@Suite struct SampleStatisticsTests {
    @Test func aKnownSample() {
        let (mean, se) = SampleStatistics.meanAndStandardError([1, 2, 3])
        #expect(mean == 2)
        #expect(abs(se - 1 / 3.0.squareRoot()) < 1e-15)
    }

    @Test func noneOneAndHugeValues() {
        #expect(SampleStatistics.meanAndStandardError([]).mean.isNaN)
        #expect(SampleStatistics.meanAndStandardError([]).standardError.isNaN)
        #expect(SampleStatistics.meanAndStandardError([4]) == (4, 0))
        #expect(SampleStatistics.meanAndStandardError([1e308, 1e308, 1e308]) == (1e308, 0))
        let (mean, se) = SampleStatistics.meanAndStandardError([-1e308, 1e308])
        #expect(mean == 0 && se.isFinite && se > 9e307, "\(se)")
    }
}
