import Foundation
import SweepCore
import Testing

@testable import SweepSamplers

@Suite struct TPESamplerTests {
    func unitSpace(_ names: [String] = ["x"]) throws -> SearchSpace {
        SearchSpace(try names.map { .init(name: $0, distribution: .float(try FloatDistribution(low: 0, high: 1))) })
    }

    func trial(_ number: Int, _ state: TrialState, x: Double, value: Double?, curve: [Double] = []) throws -> Trial {
        Trial(
            id: Int64(number), number: number, state: state, params: ["x": .double(x)],
            distributions: ["x": .float(try FloatDistribution(low: 0, high: 1))], value: value,
            metrics: curve.isEmpty ? [:] : ["value": MetricCurve(steps: Array(curve.indices), values: curve)])
    }

    func index(_ trials: [Trial], direction: Direction = .minimize) -> StudyIndex {
        let index = StudyIndex(name: "s", direction: direction, objective: "value")
        index.apply(StudyChanges(cursor: 1, finished: trials))
        return index
    }

    @Test func gammaAndWeightsAreOptunas() {
        #expect(TPESampler.gamma(0) == 0)
        #expect(TPESampler.gamma(10) == 1)
        #expect(TPESampler.gamma(11) == 2)
        #expect(TPESampler.gamma(30) == 3)
        #expect(TPESampler.gamma(241) == 25)
        #expect(TPESampler.gamma(1000) == 25)
        #expect(TPESampler.weights(3) == [1, 1, 1])
        let w = TPESampler.weights(30)
        #expect(w.count == 30)
        #expect(w[0] == 1.0 / 30)
        #expect(abs(w[2] - (1.0 / 30 + 2 * (1 - 1.0 / 30) / 4)) < 1e-15)
        #expect(w[4] == 1 && w[5...].allSatisfy { $0 == 1 })
        #expect(TPESampler.weights(26) == [1.0 / 26] + Array(repeating: 1, count: 25))
    }

    @Test func startupTrialsAreRandom() async throws {
        let space = try everyKindSpace()
        let trials = try (0..<9).map { try trial($0, .complete, x: 0.5, value: 1) }
            + (9..<40).map { try trial($0, .failed, x: 0.5, value: nil) }
        let tpe = TPESampler()
        for seed in 0..<20 as Range<UInt64> {
            let a = tpe.sample(space, trialNumber: 40, seed: seed, study: index(trials))
            let b = RandomSampler().sample(space, trialNumber: 40, seed: seed, study: index(trials))
            #expect(a == b)
        }
    }

    @Test func valuesLieInsideEveryKindOfDistribution() async throws {
        let space = try everyKindSpace()
        for multivariate in [false, true] {
            try await runStudy(
                sampler: TPESampler(nStartupTrials: 5, multivariate: multivariate), space: space, trials: 60,
                check: { #expect(allInside($0, space), "\($0)") }
            ) { p in
                (p["f"]?.number ?? 0) + log10(p["flog"]?.number ?? 1) + Double(p["i"]?.number ?? 0)
                    + (p["c"] == .string("sgd") ? 0 : 1)
            }
        }
    }

    @Test func sameSeedSameStudy() async throws {
        let space = try everyKindSpace()
        func params(_ seed: UInt64) async throws -> [[String: ParamValue]] {
            let study = try await runStudy(sampler: TPESampler(), space: space, trials: 30, seed: seed) { p in p["f"]?.number ?? 0 }
            return try await study.trials().map(\.params)
        }
        await #expect(try params(4) == params(4))
        await #expect(try params(4) != params(5))
    }

    @Test func concentratesNearTheOptimum() async throws {
        for (direction, target) in [(Direction.minimize, 0.3), (.maximize, 0.7)] {
            let study = try await runStudy(sampler: TPESampler(), space: try unitSpace(), trials: 80, seed: 1, direction: direction) { p in
                let d = (p["x"]?.number ?? 0) - target
                return direction == .minimize ? d * d : -d * d
            }
            let late = try await study.trials().suffix(30).compactMap { $0.params["x"]?.number }.sorted()
            #expect(abs(late[15] - target) < 0.05, "median of late x = \(late[15]), target \(target)")
            await #expect(abs((try bestValue(study))) < 1e-3)
        }
    }

    @Test(arguments: [false, true])
    func picksTheBestCategoryAndInteger(multivariate: Bool) async throws {
        let space = SearchSpace([
            .init(name: "c", distribution: .categorical(try CategoricalDistribution([.string("a"), .string("b"), .string("c"), .string("d")]))),
            .init(name: "n", distribution: .int(try IntDistribution(low: 1, high: 50))),
        ])
        let study = try await runStudy(sampler: TPESampler(multivariate: multivariate), space: space, trials: 80, seed: 2) { p in
            (p["c"] == .string("c") ? 0 : 1) + abs((p["n"]?.number ?? 0) - 17) / 50
        }
        let late = try await study.trials().suffix(30)
        // Random search would pick "c" about 7 times in 30 and land within 5 of 17 about 7 times.
        #expect(late.filter { $0.params["c"] == .string("c") }.count >= 18)
        #expect(late.filter { abs(($0.params["n"]?.number ?? 0) - 17) <= 5 }.count >= 15)
    }


    @Test(arguments: [false, true])
    func beatsRandomSearchOnAverage(multivariate: Bool) async throws {
        let space = try unitSpace(["a", "b", "c"])
        func sphere(_ p: [String: ParamValue]) -> Double {
            ["a", "b", "c"].reduce(0) { acc, name in
                let d = (p[name]?.number ?? 0) - 0.62
                return acc + d * d
            }
        }
        var tpe = 0.0
        var random = 0.0
        for seed in 0..<8 as Range<UInt64> {
            await tpe += try bestValue(runStudy(sampler: TPESampler(multivariate: multivariate), space: space, trials: 60, seed: seed, f: sphere))
            await random += try bestValue(runStudy(sampler: RandomSampler(), space: space, trials: 60, seed: seed, f: sphere))
        }
        #expect(tpe < random / 3, "TPE mean best \(tpe / 8), random \(random / 8)")
    }

    @Test func prunedTrialsFillTheBelowGroupByDepthThenValue() async throws {
        // 2 complete + 30 pruned trials: n = 32, gamma = 4, so the two complete trials and the two
        // best pruned ones (the deepest; at equal depth the better last value) are below.
        var trials = [try trial(0, .complete, x: 0.1, value: 5), try trial(1, .complete, x: 0.2, value: 9)]
        for n in 2..<32 {
            let depth = n == 20 || n == 21 || n == 25 ? 6 : 3
            let last = n == 21 ? 0.5 : (n == 25 ? 0.7 : 2.0)
            trials.append(try trial(n, .pruned, x: 0.5, value: last, curve: Array(repeating: 4.0, count: depth - 1) + [last]))
        }
        trials.append(try trial(32, .failed, x: 0.9, value: nil))
        let study = index(trials)
        let usable = Array(0..<32)
        let below = TPESampler.splitBelow(study.finished, usable, study: study)
        #expect(usable.filter { below[$0] } == [0, 1, 21, 25])
    }

    @Test func prunedTrialsWithoutReportsRankLast() async throws {
        let minimize = Direction.minimize
        let none = try trial(0, .pruned, x: 0.5, value: nil)
        let nan = try trial(1, .pruned, x: 0.5, value: nil, curve: [1, .nan])
        let early = try trial(2, .pruned, x: 0.5, value: 1, curve: [1])
        #expect(TPESampler.prunedScore(none, objective: "value", direction: minimize) == (1, 0))
        #expect(TPESampler.prunedScore(nan, objective: "value", direction: minimize) == (-1, .infinity))
        #expect(TPESampler.prunedScore(early, objective: "value", direction: .maximize) == (0, -1))
    }

    @Test func completeTiesGoToTheLowerNumber() async throws {
        let trials = try (0..<10).map { try trial($0, .complete, x: Double($0) / 10, value: $0 == 3 || $0 == 7 ? 0 : 1) }
        let study = index(trials)
        let below = TPESampler.splitBelow(study.finished, Array(0..<10), study: study)
        #expect(below.enumerated().filter(\.element).map(\.offset) == [3])
    }

    @Test func multivariateLeavesParametersOutsideTheSharedSpaceUnivariate() async throws {
        // Half the trials have "y": it is not shared by all trials, so it is sampled on its own.
        var trials: [Trial] = []
        let fx = Distribution.float(try FloatDistribution(low: 0, high: 1))
        for n in 0..<20 {
            var t = try trial(n, .complete, x: Double(n) / 20, value: Double(n))
            if n % 2 == 0 {
                t.params["y"] = .double(0.5)
                t.distributions["y"] = fx
            }
            trials.append(t)
        }
        let space = try unitSpace(["x", "y"])
        let values = TPESampler(multivariate: true).sample(space, trialNumber: 20, seed: 3, study: index(trials))
        #expect(allInside(values, space))
        #expect((values["x"]?.number ?? 1) < 0.3)
    }

    @Test func zeroPriorWeightStillProposesValidValues() async throws {
        let space = try everyKindSpace()
        try await runStudy(
            sampler: TPESampler(nStartupTrials: 3, priorWeight: 0, considerMagicClip: false, considerEndpoints: true), space: space,
            trials: 25, check: { #expect(allInside($0, space), "\($0)") }
        ) { p in p["f"]?.number ?? 0 }
    }

    @Test func noStartupTrialsSamplesThePrior() async throws {
        let space = try everyKindSpace()
        let empty = index([])
        let values = TPESampler(nStartupTrials: 0, multivariate: true).sample(space, trialNumber: 0, seed: 1, study: empty)
        #expect(allInside(values, space))
    }
}
