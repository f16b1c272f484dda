import Testing
@testable import SweepML

@Suite struct RandomGeneratorTests {
    @Test func sameSeedSameStream() {
        var a = RandomGenerator(seed: 7, stream: 3)
        var b = RandomGenerator(seed: 7, stream: 3)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
    }

    @Test func streamsDiffer() {
        var a = RandomGenerator(seed: 7, stream: 1)
        var b = RandomGenerator(seed: 7, stream: 2)
        let same = (0..<100).filter { _ in a.next() == b.next() }.count
        #expect(same == 0)
    }

    @Test func unitAndGaussianMoments() {
        var g = RandomGenerator(seed: 42)
        let n = 200_000
        var sum = 0.0, sumSq = 0.0, uSum = 0.0
        for _ in 0..<n {
            let x = g.nextGaussian()
            sum += x
            sumSq += x * x
            let u = g.nextUnit()
            #expect(u >= 0 && u < 1)
            uSum += u
        }
        #expect(abs(sum / Double(n)) < 0.01)
        #expect(abs(sumSq / Double(n) - 1) < 0.02)
        #expect(abs(uSum / Double(n) - 0.5) < 0.005)
    }

    @Test func intBelowIsUniform() {
        var g = RandomGenerator(seed: 1)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[g.nextInt(below: 7)] += 1 }
        for c in counts { #expect(abs(c - 10_000) < 400) }
    }
}
