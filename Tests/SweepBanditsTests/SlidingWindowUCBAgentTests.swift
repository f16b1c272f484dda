import Testing
@testable import SweepBandits

@Suite struct SlidingWindowUCBAgentTests {
    /// Regret accumulated after step `change`.
    func regretAfter(_ change: Int, _ report: BanditReport) -> Double {
        report.regretCurve[report.steps - 1] - report.regretCurve[change - 1]
    }

    @Test func slidingWindowBeatsUCB1AfterAnAbruptChange() throws {
        // At step 3000 the best arm drops from 0.9 to 0.1 while the other stays at 0.5.
        let env = "switching:means=0.9,0.5,next_means=0.1,0.5,change_points=3000"
        let runs = scaledRuns(200, debug: 60)
        let window = try report(env, "sw_ucb:window=500", steps: 6_000, runs: runs)
        let ucb1 = try report(env, "ucb1", steps: 6_000, runs: runs)
        let sameConstant = try report(env, "ucb1:c=0.7746", steps: 6_000, runs: runs)
        // UCB1 keeps pulling the old best arm until its average over ~3000 pulls falls to the
        // other arm's index (thousands of steps); the window forgets it within 500 steps.
        // Margin: at least 3× less regret after the change.
        #expect(3 * regretAfter(3_000, window) < regretAfter(3_000, ucb1))
        #expect(3 * regretAfter(3_000, window) < regretAfter(3_000, sameConstant))
    }

    @Test func armsLeaveTheWindow() {
        var agent = SlidingWindowUCBAgent(window: 3)
        agent.reset(arms: 2, contextDimension: 0)
        for _ in 0..<3 { agent.update(arm: 0, reward: 1, context: []) }
        agent.update(arm: 1, reward: 0, context: [])
        // Arm 0's oldest pull left the window.
        #expect(agent.counts == [2, 1])
        #expect(agent.sums == [2, 0])
    }
}
