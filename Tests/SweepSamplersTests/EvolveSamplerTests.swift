import Foundation
import SweepCore
import Testing

@testable import SweepSamplers

@Suite struct EvolveSamplerTests {
    func completed(_ values: [(x: Double, c: String, n: Int, value: Double)]) throws -> StudyIndex {
        let dx = Distribution.float(try FloatDistribution(low: 0, high: 10))
        let dc = Distribution.categorical(try CategoricalDistribution([.string("a"), .string("b"), .string("c")]))
        let dn = Distribution.int(try IntDistribution(low: 1, high: 1000, log: true))
        let index = StudyIndex(name: "s", direction: .minimize, objective: "value")
        let trials = values.enumerated().map { i, v in
            Trial(
                id: Int64(i), number: i, state: .complete, params: ["x": .double(v.x), "c": .string(v.c), "n": .int(v.n)],
                distributions: ["x": dx, "c": dc, "n": dn], value: v.value)
        }
        index.apply(StudyChanges(cursor: 1, finished: trials))
        return index
    }

    func space() throws -> SearchSpace {
        SearchSpace([
            .init(name: "x", distribution: .float(try FloatDistribution(low: 0, high: 10))),
            .init(name: "c", distribution: .categorical(try CategoricalDistribution([.string("a"), .string("b"), .string("c")]))),
            .init(name: "n", distribution: .int(try IntDistribution(low: 1, high: 1000, log: true))),
        ])
    }

    @Test func startupTrialsAreRandom() throws {
        let index = try completed((0..<9).map { (x: Double($0), c: "a", n: 5, value: Double($0)) })
        let space = try space()
        for seed in 0..<10 as Range<UInt64> {
            #expect(EvolveSampler().sample(space, trialNumber: 9, seed: seed, study: index)
                == RandomSampler().sample(space, trialNumber: 9, seed: seed, study: index))
        }
    }

    @Test func childrenStayNearTheTopTrials() throws {
        // The best two trials sit at x = 2 and x = 8; the others are far worse.
        var rows: [(x: Double, c: String, n: Int, value: Double)] = [(2, "b", 10, 0), (8, "b", 100, 1)]
        rows += (0..<20).map { (x: 5, c: "a", n: 500, value: 100 + Double($0)) }
        let index = try completed(rows)
        let space = try space()
        let sampler = EvolveSampler(topK: 2, scale: 0.02, pCategorical: 0)
        var nearTwo = 0
        for seed in 0..<400 as Range<UInt64> {
            let v = sampler.sample(space, trialNumber: 22, seed: seed, study: index)
            #expect(allInside(v, space))
            let x = v["x"]?.number ?? .nan
            let n = v["n"]?.number ?? .nan
            #expect(abs(x - 2) < 1 || abs(x - 8) < 1, "x = \(x)")
            #expect(v["c"] == .string("b"))
            if abs(x - 2) < 1 {
                nearTwo += 1
                #expect(n >= 5 && n <= 20, "n = \(n) (log-space step around 10)")
            }
        }
        #expect(nearTwo > 150 && nearTwo < 250)
    }

    @Test func categoricalsAreRedrawnWithTheirProbability() throws {
        let index = try completed((0..<10).map { (x: 5, c: "a", n: 5, value: Double($0)) })
        let space = try space()
        var changed = 0
        for seed in 0..<2000 as Range<UInt64> {
            if EvolveSampler(pCategorical: 0.6).sample(space, trialNumber: 10, seed: seed, study: index)["c"] != .string("a") {
                changed += 1
            }
        }
        // Redrawn 60% of the time, landing on another choice 2/3 of those times.
        #expect(abs(Double(changed) / 2000 - 0.4) < 0.04)
    }

    @Test func mutationsAreReflectedIntoRangeAndSnappedToTheGrid() throws {
        let sampler = EvolveSampler(scale: 3)
        var rng = SplitMix64(seed: 1)
        let stepped = Distribution.float(try FloatDistribution(low: 0, high: 1, step: 0.1))
        let ints = Distribution.int(try IntDistribution(low: 0, high: 20, step: 4))
        let logFloat = Distribution.float(try FloatDistribution(low: 1e-3, high: 1, log: true))
        for _ in 0..<500 {
            #expect(stepped.toInternal(sampler.mutate(0.9, stepped, using: &rng)) != nil)
            #expect(ints.toInternal(sampler.mutate(8, ints, using: &rng)) != nil)
            #expect(logFloat.toInternal(sampler.mutate(0.01, logFloat, using: &rng)) != nil)
        }
        #expect(EvolveSampler.reflect(1.2, 0, 1) == 0.8)
        #expect(abs(EvolveSampler.reflect(-0.3, 0, 1) - 0.3) < 1e-15)
        #expect(abs(EvolveSampler.reflect(2.25, 0, 1) - 0.25) < 1e-15)
        #expect(EvolveSampler.reflect(5, 3, 3) == 3)
    }

    @Test func improvesOnRandomSearch() async throws {
        let space = SearchSpace(try ["a", "b", "c"].map { .init(name: $0, distribution: .float(try FloatDistribution(low: -5, high: 5))) })
        func sphere(_ p: [String: ParamValue]) -> Double {
            p.values.reduce(0) { $0 + ($1.number - 1) * ($1.number - 1) }
        }
        var evolve = 0.0
        var random = 0.0
        for seed in 0..<8 as Range<UInt64> {
            evolve += try await bestValue(runStudy(sampler: EvolveSampler(), space: space, trials: 80, seed: seed, f: sphere))
            random += try await bestValue(runStudy(sampler: RandomSampler(), space: space, trials: 80, seed: seed, f: sphere))
        }
        #expect(evolve < random / 2, "evolve \(evolve / 8), random \(random / 8)")
    }

    @Test func missingParametersAreDrawnAtRandomAndSameSeedSameChild() throws {
        let index = try completed((0..<10).map { (x: Double($0), c: "a", n: 5, value: Double($0)) })
        var space = try space()
        space.set("new", .float(try FloatDistribution(low: -1, high: 1)))
        let a = EvolveSampler().sample(space, trialNumber: 10, seed: 8, study: index)
        #expect(allInside(a, space))
        #expect(a == EvolveSampler().sample(space, trialNumber: 10, seed: 8, study: index))
    }
}
