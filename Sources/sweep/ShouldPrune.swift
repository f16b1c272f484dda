import ArgumentParser
import SweepCore

struct ShouldPrune: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "should-prune",
        abstract: "Ask whether a running trial should stop now; prints `continue` or `prune` (records nothing else).")

    @OptionGroup var common: CommonOptions
    @OptionGroup var studyOption: StudyOption
    @Option(parsing: .unconditional, help: "The trial's number.") var trial: Int

    func validate() throws {
        try validateTrialNumber(trial)
    }

    func run() async throws {
        let study = try await common.openStudy(studyOption.name)
        let decision = try await study.shouldPrune(trial: trial)
        // Another process tells the trial pruned: its reason is stored now.
        try await study.recordPruneReason(decision, trial: trial)
        try printDecision(prune: decision.prune, trial: trial, step: nil, json: common.json)
    }
}
