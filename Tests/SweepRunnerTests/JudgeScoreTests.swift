import SweepCore
import Testing
@testable import SweepRunner

@Suite struct JudgeScoreTests {
    private func result(_ spec: String, kept: Bool, used: Int, finals: [Double] = [1, 0]) -> ReplayResult {
        let trials = [
            ReplayTrial(id: "best", prunedAt: kept ? nil : 1, stepsUsed: kept ? 10 : 2, totalSteps: 10, final: finals[0]),
            ReplayTrial(id: "other", prunedAt: nil, stepsUsed: used, totalSteps: 10, final: finals[1]),
        ]
        return ReplayResult(pruner: spec, direction: .maximize, trials: trials, decisions: 4, decisionSeconds: 0.001)
    }

    @Test func averagesOverReplays() {
        let score = JudgeScore(pruner: "a", replays: [result("a", kept: true, used: 10), result("a", kept: false, used: 10)])
        #expect(score.replays == 2)
        #expect(score.bestKeptRate == 0.5)
        #expect(abs(score.stepsUsedFraction - (1.0 + 0.6) / 2) < 1e-12)
        #expect(score.normalizedRegret == 0.5, "the kept replay has regret 0, the other 1 (only the worst completed)")
        #expect(score.maxNormalizedRegret == 1)
        #expect(score.decisions == 8 && abs(score.decisionsPerSecond - 4000) < 1e-6)
    }

    @Test func aTieForTheBestCountsAsKeptWhenEitherRuns() {
        let trials = [
            ReplayTrial(id: "a", prunedAt: 3, stepsUsed: 4, totalSteps: 10, final: 1),
            ReplayTrial(id: "b", prunedAt: nil, stepsUsed: 10, totalSteps: 10, final: 1),
            ReplayTrial(id: "c", prunedAt: nil, stepsUsed: 10, totalSteps: 10, final: 0),
        ]
        let r = ReplayResult(pruner: "x", direction: .maximize, trials: trials, decisions: 1, decisionSeconds: 0)
        #expect(r.bestTrial?.id == "a")
        #expect(r.bestKept && r.normalizedRegret == 0)
    }

    @Test func paretoFrontKeepsTheUndominated() {
        let thorough = JudgeScore(pruner: "thorough", replays: [result("t", kept: true, used: 10)])
        let frugal = JudgeScore(pruner: "frugal", replays: [result("f", kept: false, used: 1)])
        let worse = JudgeScore(pruner: "worse", replays: [result("w", kept: false, used: 5)])
        let marked = JudgeScore.markingParetoFront([thorough, frugal, worse])
        #expect(marked.map(\.pareto) == [true, true, false])
        #expect(frugal.dominates(worse) && !worse.dominates(frugal) && !thorough.dominates(frugal))
    }

    @Test func textTableMarksTheFront() {
        let marked = JudgeScore.markingParetoFront([
            JudgeScore(pruner: "median", replays: [result("m", kept: false, used: 5)]),
            JudgeScore(pruner: "nop", replays: [result("n", kept: true, used: 10)]),
        ])
        let lines = JudgeScore.textTable(marked).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("judge") && lines[0].hasSuffix("pareto"))
        #expect(lines[1].hasPrefix("median") && lines[1].hasSuffix("*"))
        #expect(lines[2].contains("100.0%"))
    }
}
