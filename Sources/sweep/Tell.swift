import ArgumentParser
import SweepCore
import SweepWire

struct Tell: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Finish a trial: complete with a value, pruned or failed.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var studyOption: StudyOption
    @Option(parsing: .unconditional, help: "The trial's number.") var trial: Int
    @Option(parsing: .unconditional, help: "The final objective value (without it: the study's value rule on the trial's reports).") var value: String?
    @Option(help: "complete, pruned or failed.") var state: String = "complete"
    @Flag(help: "Succeed without change when the trial is already finished.") var skipIfFinished = false

    func validate() throws {
        try validateTrialNumber(trial)
    }

    func run() async throws {
        let study = try await common.openStudy(studyOption.name)
        let finalState = try TrialState(parsing: state)
        let v = try value.map { try parseNumber($0, what: "--value") }
        let finished: Trial
        do {
            let end = try await study.tell(trial: trial, state: finalState, value: v)
            finished = try await study.storage.trial(id: end.id)
        } catch SweepError.trialFinished where skipIfFinished {
            finished = try await study.storage.trial(study: study.record.id, number: trial)
        }
        if common.json {
            try Output.json(WireTrial(finished, study: study))
        } else {
            Output.line("trial \(finished.number) \(finished.state.rawValue)\(finished.value.map { " with value \(formatNumber($0))" } ?? "")")
        }
    }
}
