import Testing
@testable import SweepBandits

@Suite struct CurveGeneratorTests {
    @Test func curvesAreDeterministicAndIndependentOfThreads() throws {
        let one = try CurveGenerator(count: 40, steps: 200, seed: 9, threads: 1).generate()
        let two = try CurveGenerator(count: 40, steps: 200, seed: 9, threads: 2).generate()
        #expect(one == two)
        #expect(one.map(\.index) == Array(0..<40))
        let other = try CurveGenerator(count: 40, steps: 200, seed: 10).generate()
        #expect(one.map(\.curve) != other.map(\.curve))
    }

    @Test func configurationsAreDiverseAndValid() throws {
        let curves = try CurveGenerator(count: 300, steps: 100, seed: 1).generate()
        #expect(curves.allSatisfy { (2...50).contains($0.arms) && $0.curve.count == 100 })
        // The random agent, both reward kinds, single runs and averages, smoothed and raw curves.
        #expect(curves.contains { $0.agent == "random" })
        #expect(Set(curves.map(\.agent)).count >= 10)
        #expect(Set(curves.map(\.environment)) == ["bernoulli", "gaussian"])
        #expect(curves.contains { $0.runs == 1 } && curves.contains { $0.runs > 1 })
        #expect(curves.contains { $0.smoothingWindow == 1 } && curves.contains { $0.smoothingWindow > 1 })
        for curve in curves {
            // Specs parse back.
            _ = try BanditSpecs.agent(parsing: curve.agentSpec)
            _ = try BanditSpecs.environment(parsing: curve.environmentSpec)
            // Labels are consistent: smoothed rewards cannot beat the optimum by much, regret ≥ 0.
            #expect(curve.labels.regret >= -1e-9)
            #expect(curve.labels.maxSmoothedReward >= curve.labels.finalSmoothedReward - 1e-12)
        }
    }

    @Test func aCurveIsReproducedByAnExperimentOnItsSpecs() throws {
        let generator = try CurveGenerator(count: 30, steps: 150, seed: 4)
        for index in [0, 7, 13, 29] {
            let curve = generator.curve(index)
            let report = try BanditExperiment(steps: 150, runs: curve.runs, seed: curve.runSeed)
                .run(environmentSpec: curve.environmentSpec, agentSpec: curve.agentSpec)
            // Bit-for-bit the same curve, regret and optimum.
            #expect(CurveGenerator.movingAverage(report.rewardCurve, window: curve.smoothingWindow) == curve.curve)
            #expect(abs(report.regretMean - curve.labels.regret) < 1e-9)
        }
    }

    @Test func theRandomAgentsRegretLabelMatchesTheory() throws {
        let generator = try CurveGenerator(count: 400, steps: 300, seed: 2)
        let randoms = generator.generate().filter { $0.agent == "random" }
        #expect(!randoms.isEmpty)
        for curve in randoms {
            let expected = 300 * (curve.labels.optimalMeanReward - curve.labels.randomMeanReward)
            // Per step the regret has sd ≤ the spread of the means; loose bound over 300 steps.
            #expect(abs(curve.labels.regret - expected) < 0.25 * expected + 5)
        }
    }

    @Test func movingAverageIsTrailing() {
        #expect(CurveGenerator.movingAverage([1, 2, 3, 4], window: 2) == [1, 1.5, 2.5, 3.5])
        #expect(CurveGenerator.movingAverage([1, 2], window: 1) == [1, 2])
    }
}
