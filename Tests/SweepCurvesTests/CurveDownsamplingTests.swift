import SweepCurves
import Testing

@Suite struct CurveDownsamplingTests {
    @Test func aShortCurveComesBackAsItIs() {
        let kept = CurveDownsampling.keepingExtremes(steps: [0, 1, 2], values: [1, 2, 3], points: 300)
        #expect(kept.map(\.step) == [0, 1, 2] && kept.map(\.value) == [1, 2, 3])
    }

    /// A one-step spike in 100,000 points survives a reduction to 300.
    @Test func spikesAndTheEndsSurvive() {
        var values = (0..<100_000).map { Double($0 % 7) / 10 }
        values[31_337] = 1e308
        values[77_777] = -1e308
        let kept = CurveDownsampling.keepingExtremes(steps: Array(0..<100_000), values: values, points: 300)
        #expect(kept.count <= 301)
        #expect(kept.contains { $0.step == 31_337 && $0.value == 1e308 })
        #expect(kept.contains { $0.step == 77_777 && $0.value == -1e308 })
        #expect(kept.first?.step == 0 && kept.last?.step == 99_999)
        #expect(zip(kept, kept.dropFirst()).allSatisfy { $0.step < $1.step }, "in step order, no point twice")
    }

    @Test func nanIsNeverALowOrHighButStaysAGap() {
        let values = [Double.nan] + (1..<1_000).map { $0 == 500 ? Double.nan : Double($0) }
        let kept = CurveDownsampling.keepingExtremes(steps: Array(0..<1_000), values: values, points: 30)
        #expect(kept.first?.value.isNaN == true, "a bucket's first point is kept, NaN or not")
        #expect(kept.contains { $0.value == 999 } && kept.contains { $0.value == 1 })
    }

    @Test(arguments: [0, 1, 2, 3])
    func tinyPointCountsStillKeepTheEnds(points: Int) {
        let kept = CurveDownsampling.keepingExtremes(steps: Array(0..<50), values: (0..<50).map(Double.init), points: points)
        #expect(kept.first?.step == 0 && kept.last?.step == 49)
        #expect(kept.count <= 4)
    }
}
