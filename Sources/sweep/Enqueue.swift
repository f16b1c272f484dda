import ArgumentParser
import Foundation
import SweepCore
import SweepWire

struct Enqueue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Queue a trial with fixed parameters; the next ask runs it.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var studyOption: StudyOption
    @Option(name: .customLong("set"), help: "A fixed parameter: NAME=VALUE (repeatable).") var assignments: [String] = []
    @Option(help: "Fixed parameters as a JSON object.") var params: String?

    func validate() throws {
        if assignments.isEmpty && params == nil { throw ValidationError("give --set NAME=VALUE or --params JSON") }
    }

    func run() async throws {
        let study = try await common.openStudy(studyOption.name)
        var values = try parseAssignments(assignments, what: "--set")
        if let params {
            guard let object = try? JSONDecoder().decode([String: ParamValue].self, from: Data(params.utf8)) else {
                throw SweepError.invalidArgument("--params must be a JSON object of name → number, string or boolean, got '\(params)'")
            }
            values.merge(object) { _, new in new }
        }
        let trial = try await study.enqueue(params: values)
        if common.json {
            try Output.json(WireTrial(trial, study: study))
        } else {
            Output.line("enqueued trial \(trial.number)")
        }
    }
}
