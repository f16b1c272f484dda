import ArgumentParser
import SweepCore

/// `sweep heartbeat --trial N`: tells the study a trial driven from a shell or another program is
/// still alive, so a worker on the same study does not fail it after its heartbeat timeout.
struct HeartbeatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heartbeat",
        abstract: "Mark a running trial as alive (every report counts as one too).",
        discussion: "Needed only for trials asked with --heartbeat-timeout that go longer than it between reports.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var studyOption: StudyOption
    @Option(parsing: .unconditional, help: "The trial's number.") var trial: Int

    func validate() throws {
        try validateTrialNumber(trial)
    }

    func run() async throws {
        let study = try await common.openStudy(studyOption.name)
        try await study.beat(trial: trial)
        if common.json {
            try Output.json(["trial": trial])
        } else {
            Output.line("trial \(trial) is alive")
        }
    }
}
