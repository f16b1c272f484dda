import ArgumentParser
import SweepCore

struct NoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note",
        abstract: "Add a note to a study's research log (or to a trial with --trial); --attr sets user attributes.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var studyOption: StudyOption
    @Option(parsing: .unconditional, help: "Attach the note to this trial.") var trial: Int?
    @Option(name: .customLong("attr"), help: "A user attribute KEY=VALUE (JSON or text; repeatable).")
    var attributes: [String] = []
    @Argument(help: "The note's text.") var text: String?

    func validate() throws {
        try validateTrialNumber(trial)
        if text == nil && attributes.isEmpty { throw ValidationError("give the note's text and/or --attr KEY=VALUE") }
    }

    func run() async throws {
        let study = try await common.openStudy(studyOption.name)
        if let text { try await study.note(text, trial: trial) }
        for item in attributes {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw SweepError.invalidArgument("--attr '\(item)' must be KEY=VALUE")
            }
            let value = JSONValue(parsingLenient: String(item[item.index(after: eq)...]))
            try await study.setUserAttribute(String(item[..<eq]), value, trial: trial)
        }
        let target = trial.map { "trial \($0)" } ?? "study '\(study.name)'"
        if common.json {
            try Output.json(["noted": target])
        } else {
            Output.line("noted on \(target)")
        }
    }
}
