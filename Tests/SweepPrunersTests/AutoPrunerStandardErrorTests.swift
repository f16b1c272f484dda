import SweepCore
import SweepPruners
import Testing

/// `auto:z=...`: a trial whose value is a mean over seeds is given `z` standard errors of benefit
/// of the doubt before it is compared with the best.
@Suite struct AutoPrunerStandardErrorTests {
    /// Five complete trials: the largest gain from step 0 is 0.4, the best final 0.94.
    func index() -> StudyIndex {
        let index = StudyIndex(name: "s", direction: .maximize, objective: "reward")
        var changes = StudyChanges(cursor: 1)
        for i in 0..<5 {
            let curve = [0.5, 0.8, 0.9, 0.9, 0.9].map { $0 + 0.01 * Double(i) }
            changes.finished.append(Trial(
                id: Int64(i + 1), number: i, state: .complete, value: curve.last,
                metrics: ["reward": MetricCurve(steps: Array(curve.indices), values: curve)]))
        }
        index.apply(changes)
        return index
    }

    func progress(mean: Double, standardError: Double?) -> TrialProgress {
        var progress = TrialProgress(number: 5)
        progress.record(step: 0, value: mean)
        if let standardError { progress.recordStandardError(step: 0, value: standardError) }
        return progress
    }

    @Test func aWideStandardErrorKeepsAMeanJustBelowTheBarAndANarrowOneDoesNot() throws {
        let judge = try AutoPruner(z: 2)
        // 0.5 + 0.4 = 0.9 < 0.94: below the bar by 0.04.
        // Wide: 2 × 0.05 = 0.1 of doubt, 1.0 ≥ 0.94, kept.
        #expect(!judge.decide(progress(mean: 0.5, standardError: 0.05), in: index()).prune)
        // Narrow: 2 × 0.01 = 0.02 of doubt, 0.92 < 0.94, pruned, and the reason says what was allowed.
        let narrow = judge.decide(progress(mean: 0.5, standardError: 0.01), in: index())
        #expect(narrow.prune)
        #expect(narrow.reason == "at step 0 its reward is 0.5 (mean over seeds; 2 standard errors of it, 0.02, allowed for the uncertainty); with the largest gain any of 5 complete trials made from there to their end (0.4) it would reach 0.92, below best trial 4's 0.94")
    }

    @Test func theDefaultAndTrialsWithoutAStandardErrorJudgeTheMeanAlone() throws {
        // z = 0 (the default) ignores even a wide error; without a standard error z changes nothing.
        #expect(try AutoPruner().decide(progress(mean: 0.5, standardError: 0.05), in: index()).prune)
        let plain = try AutoPruner(z: 2).decide(progress(mean: 0.5, standardError: nil), in: index())
        #expect(plain.prune)
        #expect(plain.reason == "at step 0 its reward is 0.5; with the largest gain any of 5 complete trials made from there to their end (0.4) it would reach 0.9, below best trial 4's 0.94")
    }

    @Test func minimizingWidensTowardsLower() throws {
        let index = StudyIndex(name: "s", direction: .minimize, objective: "loss")
        var changes = StudyChanges(cursor: 1)
        for i in 0..<5 {
            let curve = [0.5, 0.2, 0.1, 0.1, 0.1].map { $0 - 0.01 * Double(i) }
            changes.finished.append(Trial(
                id: Int64(i + 1), number: i, state: .complete, value: curve.last,
                metrics: ["loss": MetricCurve(steps: Array(curve.indices), values: curve)]))
        }
        index.apply(changes)
        // Best 0.06, largest drop from step 0 is 0.4: 0.5 − 0.4 = 0.1 > 0.06.
        let judge = try AutoPruner(z: 2)
        #expect(!judge.decide(progress(mean: 0.5, standardError: 0.05), in: index).prune)
        #expect(judge.decide(progress(mean: 0.5, standardError: 0.01), in: index).prune)
    }

    @Test func specs() throws {
        let p = try #require(try Pruners.make(parsing: "auto:z=1.5") as? AutoPruner)
        #expect(p.z == 1.5 && "\(p)" == "auto:n_startup_trials=5,n_warmup_steps=0,quantile=1,z=1.5")
        #expect("\(try AutoPruner())" == "auto:n_startup_trials=5,n_warmup_steps=0,quantile=1")
        #expect(specError("auto:z=-1") != nil)
    }
}
