import SweepCore
import Testing

/// Says, as its reason, the standard errors the trial's progress carries at each step.
private struct StandardErrorEcho: Pruner {
    func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision {
        let pairs = zip(trial.standardError.steps, trial.standardError.values).map { "\($0)=\($1)" }
        return PruneDecision(prune: false, reason: pairs.joined(separator: ","))
    }
}

/// A trial reported with seed repeats (`<objective>[se]`) shows its judge the standard error.
@Suite struct TrialProgressStandardErrorTests {
    @Test func reportsWithTheObjectivesStandardErrorCarryIt() async throws {
        let study = try await makeStudy(StudyConfig(name: "s", objective: "reward"), pruner: StandardErrorEcho())
        let trial = try await study.ask()
        try await study.report(trial: trial.number, step: 0, metrics: ["reward": 0.5, "reward[se]": 0.1, "loss[se]": 9])
        try await study.report(
            trial: trial.number, steps: [StepReport(step: 1, metrics: ["reward": 0.6, "reward[se]": 0.05])])
        #expect(try await study.shouldPrune(trial: trial.number).reason == "0=0.1,1=0.05")
        // Another handle on the same study reads the stored curve back.
        let other = Study(record: study.record, storage: study.storage, sampler: study.sampler, pruner: study.pruner)
        #expect(try await other.shouldPrune(trial: trial.number).reason == "0=0.1,1=0.05")
        // The standard error of another metric is not the objective's.
        #expect(TrialProgress.standardErrorName(of: "reward") == "reward[se]")
    }

    @Test func withoutRepeatsItIsEmpty() async throws {
        let study = try await makeStudy(StudyConfig(name: "s", objective: "reward"), pruner: StandardErrorEcho())
        let trial = try await study.ask()
        try await study.report(trial: trial.number, step: 0, value: 0.5)
        try await study.report(trial: trial.number, step: 1, metrics: ["reward": 0.6, "loss": 1])
        #expect(try await study.shouldPrune(trial: trial.number).reason == "")
        #expect(TrialProgress(number: 0).standardError(at: 0) == nil)
    }
}
