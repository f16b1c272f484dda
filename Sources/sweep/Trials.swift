import ArgumentParser
import SweepCore
import SweepWire

struct Trials: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List a study's trials.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var studyOption: StudyOption
    @Option(help: "Only trials in this state (waiting, running, complete, pruned, failed).") var state: String?
    @Flag(help: "Include every reported curve (with --json).") var curves = false

    func run() async throws {
        let study = try await common.openStudy(studyOption.name)
        let states = try state.map { Set([try TrialState(parsing: $0)]) }
        let trials = try await study.trials(states: states).map { WireTrial($0, study: study, withCurves: curves) }
        if common.json {
            try Output.json(trials)
        } else {
            Output.line("number\tstate\tvalue\tprogress\tparams")
            for t in trials { Output.line(t.row) }
        }
    }
}
