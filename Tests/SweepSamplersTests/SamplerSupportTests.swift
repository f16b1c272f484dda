import SweepCore
import Testing

@testable import SweepSamplers

@Suite struct SamplerSupportTests {
    @Test func nextIndexIsUniformAndInRange() {
        var rng = SplitMix64(seed: 1)
        var counts = [Int](repeating: 0, count: 3)
        for _ in 0..<30000 { counts[Int(rng.nextIndex(3))] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10000) < 400 })
        #expect((0..<100).allSatisfy { _ in rng.nextIndex(through: 0) == 0 })
        _ = rng.nextIndex(through: .max)
    }

    @Test func snappingStaysOnTheGrid() throws {
        let f = try FloatDistribution(low: 0, high: 1, step: 0.3)  // high becomes 3 × 0.3
        #expect(f.stepCount == 3)
        #expect(f.snap(0.44) == f.value(atStep: 1))
        #expect(f.snap(2) == f.high && f.snap(-1) == 0)
        let i = try IntDistribution(low: -10, high: 10, step: 4)  // high becomes 10
        #expect(i.snap(-3.9) == -2 && i.snap(100) == 10 && i.snap(-100) == -10)
        #expect(i.clamped(3.4) == 3 && i.clamped(.nan) == -10)
        let wide = try IntDistribution(low: Int.min / 2, high: Int.max / 2)
        #expect(wide.value(atStep: wide.stepCount) == Int.max / 2)
    }

    @Test func bestCompleteIndicesRankByValueThenNumber() {
        let trials = [(0, TrialState.complete, 3.0), (1, .complete, 1.0), (2, .pruned, 0.0), (3, .complete, 1.0), (4, .failed, -5), (5, .complete, 2.0)]
            .map { Trial(id: Int64($0.0), number: $0.0, state: $0.1, value: $0.2) }
        #expect(bestCompleteIndices(trials, direction: .minimize, k: 3) == [1, 3, 5])
        #expect(bestCompleteIndices(trials, direction: .maximize, k: 2) == [0, 5])
        #expect(bestCompleteIndices(trials, direction: .minimize, k: 0).isEmpty)
    }

    @Test func samplerStreamsDifferFromTheTrialSeed() {
        var a = samplerGenerator(5)
        var b = SplitMix64(seed: 5)
        var c = samplerGenerator(5, stream: 1)
        let x = a.next()
        #expect(x != b.next() && x != c.next())
    }
}
