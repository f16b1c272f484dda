import Foundation
import SweepCore
import Testing

@testable import SweepSamplers

@Suite struct RandomSamplerTests {
    let index = StudyIndex(name: "s", direction: .minimize, objective: "value")

    @Test func valuesLieInsideEveryKindOfDistribution() async throws {
        let space = try everyKindSpace()
        for seed in 0..<500 {
            let values = RandomSampler().sample(space, trialNumber: seed, seed: UInt64(seed), study: index)
            #expect(allInside(values, space), "\(values)")
        }
    }

    @Test func sameSeedSameValues() async throws {
        let space = try everyKindSpace()
        let a = RandomSampler().sample(space, trialNumber: 0, seed: 77, study: index)
        let b = RandomSampler().sample(space, trialNumber: 5, seed: 77, study: index)
        let c = RandomSampler().sample(space, trialNumber: 0, seed: 78, study: index)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func logDistributionsAreLogUniform() throws {
        let space = SearchSpace([.init(name: "x", distribution: .float(try FloatDistribution(low: 1e-4, high: 1, log: true)))])
        let draws = (0..<4000).map { RandomSampler().sample(space, trialNumber: 0, seed: UInt64($0), study: index)["x"]?.number ?? .nan }
        // Each decade holds about a quarter of the draws.
        let below1e2 = draws.filter { $0 < 1e-2 }.count
        #expect(abs(Double(below1e2) / 4000 - 0.5) < 0.04)
    }

    @Test func steppedAndCategoricalValuesCoverEveryPoint() throws {
        let space = SearchSpace([
            .init(name: "s", distribution: .float(try FloatDistribution(low: 0, high: 1, step: 0.25))),
            .init(name: "n", distribution: .int(try IntDistribution(low: 2, high: 12, step: 5))),
            .init(name: "c", distribution: .categorical(try CategoricalDistribution([.string("a"), .string("b")]))),
        ])
        var seen: [String: Set<String>] = [:]
        for seed in 0..<300 {
            for (k, v) in RandomSampler().sample(space, trialNumber: 0, seed: UInt64(seed), study: index) {
                seen[k, default: []].insert(v.description)
            }
        }
        #expect(seen["s"] == ["0", "0.25", "0.5", "0.75", "1"])
        #expect(seen["n"] == ["2", "7", "12"])
        #expect(seen["c"] == ["a", "b"])
    }

    @Test func extremeIntRangesDoNotOverflow() throws {
        let space = SearchSpace([
            .init(name: "a", distribution: .int(try IntDistribution(low: Int.min / 2 + 1, high: Int.max / 2))),
            .init(name: "b", distribution: .int(try IntDistribution(low: 1, high: Int.max, log: true))),
        ])
        for seed in 0..<100 {
            #expect(allInside(RandomSampler().sample(space, trialNumber: 0, seed: UInt64(seed), study: index), space))
        }
    }
}
