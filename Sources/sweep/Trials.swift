import ArgumentParser
import Foundation
import SweepCore
import SweepWire

struct Trials: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List a study's trials.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var studyOption: StudyOption
    @Option(help: "Only trials in this state (waiting, running, complete, pruned, failed).") var state: String?
    @Flag(help: "Include every reported curve (with --json or --format json|jsonl).") var curves = false
    @Option(help: "text (a table), json (one array), jsonl (one trial a line) or csv (params_NAME columns, for pandas).")
    var format: String?

    func validate() throws {
        if let format, !["text", "json", "jsonl", "csv"].contains(format) {
            throw ValidationError("--format must be text, json, jsonl or csv, got '\(format)'")
        }
        if format == "csv" && curves {
            throw ValidationError("--curves needs --format json or jsonl (a CSV table has one row per trial)")
        }
    }

    func run() async throws {
        let study = try await common.openStudy(studyOption.name, readOnly: true)
        let states = try state.map { Set([try TrialState(parsing: $0)]) }
        // Without --curves a trial shows only its objective's last step: read just that report.
        let read = try await study.trials(states: states, curves: curves ? .all : .lastOnly([study.objective]))
        let trials = read.map { WireTrial($0, study: study, withCurves: curves) }
        switch format ?? (common.json ? "json" : "text") {
        case "json":
            try Output.json(trials)
        case "jsonl":
            for t in trials { try Output.json(t) }
        case "csv":
            FileHandle.standardOutput.write(Data(TrialsCSV.text(trials).utf8))
        default:
            if curves { Output.notice("--curves shows curves with --json or --format json|jsonl") }
            Output.line("number\tstate\tvalue\tprogress\tparams")
            for t in trials { Output.line(t.row) }
        }
    }
}
