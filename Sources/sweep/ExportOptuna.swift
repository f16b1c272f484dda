import ArgumentParser
import Foundation
import SweepCore
import SweepInterop

/// `sweep export optuna --to sqlite:///out.db [--study NAME]`.
struct ExportOptuna: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optuna",
        abstract: "Write studies into an Optuna database that Optuna 5.0's load_study reads.",
        discussion: """
            Without --study, every study is written. A new file gets Optuna 5.0's schema; an existing \
            Optuna database gets the studies added (a name it holds is refused). The objective metric's \
            curve becomes the intermediate values; other curves, notes and the study's settings become \
            attributes (sweep:curve:NAME, sweep:notes, sweep:study) that sweep import optuna reads back.
            """)

    @OptionGroup var common: CommonOptions
    @Option(name: .customLong("to"), help: "The Optuna storage to write: sqlite:///relative.db, sqlite:////absolute.db or a path.")
    var destination: String
    @Option(help: "The study to export (default: every study).") var study: String?

    func run() async throws {
        let path = try OptunaLocation.path(destination)
        let storage = try common.openStorage(readOnly: true)
        let records: [StudyRecord]
        if let study {
            records = [try await storage.study(named: study)]
        } else {
            records = try await storage.studies().map(\.record)
        }
        guard !records.isEmpty else { throw SweepError.invalidArgument("no studies in \(common.storage) to export") }
        var studies: [OptunaStudy] = []
        for record in records {
            let (study, warnings) = OptunaExport.study(record, trials: try await storage.trials(study: record.id, states: nil))
            for warning in warnings { Output.notice(warning) }
            studies.append(study)
        }
        do {
            try OptunaWriter.write(studies, to: path)
        } catch {
            if case .duplicateStudy(let name) = error { Output.notice("\(path) already holds a study named '\(name)'; nothing was written") }
            throw error
        }
        let views = studies.map { ExportedView(study: $0.name, to: path, trials: $0.trials.count) }
        if common.json {
            try Output.json(views)
        } else {
            for view in views { Output.line("exported study '\(view.study)' (\(view.trials) trial\(view.trials == 1 ? "" : "s")) to \(path)") }
        }
    }
}

/// What `sweep export optuna` prints per study.
struct ExportedView: Encodable {
    var study: String
    var to: String
    var trials: Int
}
