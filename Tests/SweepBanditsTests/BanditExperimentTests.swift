import Foundation
import Testing
@testable import SweepBandits

@Suite struct BanditExperimentTests {
    @Test(arguments: ["thompson", "epsilon_greedy", "linucb", "sw_ucb:window=50"])
    func reportsAreTheSameWhateverTheThreadCount(_ agent: String) throws {
        let env = "bernoulli:arms=5"
        let one = try report(env, agent, steps: 300, runs: 150, threads: 1)
        let two = try report(env, agent, steps: 300, runs: 150, threads: 2)
        let four = try report(env, agent, steps: 300, runs: 150, threads: 4)
        // Bit-for-bit equal.
        #expect(one == two)
        #expect(one == four)
    }

    /// The coding keys scripts rely on (`sweep bandit --json` writes them through SweepWire).
    @Test func codingKeysAreTheOnesScriptsRelyOn() throws {
        let result = try report("bernoulli:means=0.1,0.9", "ucb1", steps: 50, runs: 4)
        let data = try JSONEncoder().encode(result)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["agent", "env", "steps", "runs", "regret_mean", "regret_sd", "optimal_action_fraction", "reward_curve", "regret_curve"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["agent"] as? String == "ucb1")
        #expect((object["reward_curve"] as? [Double])?.count == 50)
        // Round trip.
        #expect(try JSONDecoder().decode(BanditReport.self, from: data) == result)
    }

    @Test func countsAddUpAndCurvesAreConsistent() throws {
        let result = try report("contextual:kind=classification,arms=3,dimension=2", "epsilon_greedy", steps: 200, runs: 10)
        // Every run makes 200 pulls, split over arms and classes.
        #expect(abs(result.armCounts.reduce(0, +) - 200) < 1e-9)
        #expect(result.armClassCounts.count == 3 && result.armClassCounts.allSatisfy { $0.count == 3 })
        // Regret is cumulative, so it never decreases; its last value is the final mean.
        #expect(zip(result.regretCurve, result.regretCurve.dropFirst()).allSatisfy { $0 <= $1 + 1e-12 })
        #expect(abs(result.regretCurve.last! - result.regretMean) < 1e-9)
    }

    @Test func invalidSizesAreRejected() {
        #expect(throws: BanditExperimentError.invalid(name: "steps", value: 0)) { try BanditExperiment(steps: 0, runs: 1) }
        #expect(throws: BanditExperimentError.invalid(name: "runs", value: -1)) { try BanditExperiment(steps: 1, runs: -1) }
    }

    @Test func summaryShowsRegretOptimalAndASparkline() throws {
        let result = try report("bernoulli:means=0.1,0.9", "ucb1", steps: 500, runs: 20)
        let text = result.summary()
        #expect(text.contains("regret "))
        #expect(text.contains("% "))
        #expect(text.split(separator: "\n").last?.hasPrefix("reward ") == true)
        #expect(BanditReport.sparkline([0, 1, 2, 3, 4, 5, 6, 7]) == "▁▂▃▄▅▆▇█")
        #expect(BanditReport.sparkline([1, 1, 1]) == "▄▄▄")
    }

    @Test(arguments: BanditSpecs.agentNames)
    func everyAgentLearnsOrAtLeastPlays(_ agent: String) throws {
        let result = try report("bernoulli:means=0.2,0.5,0.8", agent, steps: 1_000, runs: 20)
        let randomRegret = 1_000 * (0.8 - 0.5)
        // Every learning agent ends well below the random agent's regret.
        if agent == "random" {
            #expect(abs(result.regretMean - randomRegret) < 20)
        } else if agent == "greedy" {
            // Greedy can lock onto a poor arm; it still beats random play on average.
            #expect(result.regretMean < randomRegret)
        } else {
            #expect(result.regretMean < 0.5 * randomRegret, "\(agent): \(result.regretMean)")
        }
    }
}
