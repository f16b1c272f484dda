import ArgumentParser
import Foundation
import SweepCore
import SweepInterop

/// `sweep import optuna --from sqlite:///optuna.db [--study NAME | --all] [--rename NEW]`.
struct ImportOptuna: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optuna",
        abstract: "Import studies from an Optuna storage (SQLite, journal file or PostgreSQL; Optuna 3.x-5.x).",
        discussion: """
            Trials come with their states, parameters and distributions, values, intermediate values \
            (as the objective metric's curve, named 'value'), user and system attributes and times. \
            COMPLETE, PRUNED, FAIL, RUNNING and WAITING become complete, pruned, failed, running (never \
            reaped; end it with sweep tell) and waiting. Multi-objective studies are refused. A study \
            whose name exists is refused unless --rename gives another; nothing is written when any \
            study fails. A journal file (JournalFileBackend) is replayed as Optuna replays it; a last \
            line cut short is left out with a warning.
            """)

    @OptionGroup var common: CommonOptions
    @Option(
        name: .customLong("from"),
        help: "The Optuna storage: sqlite:///relative.db, sqlite:////absolute.db, journal:path/to/journal.log, postgresql://USER@HOST/DB, or a path (SQLite or journal).")
    var source: String
    @Option(help: "The study to import (optional when the file holds one).") var study: String?
    @Flag(help: "Import every study of the file.") var all = false
    @Option(help: "Import the study under this name.") var rename: String?

    func validate() throws {
        if all && study != nil { throw ValidationError("give --study NAME or --all, not both") }
        if all && rename != nil { throw ValidationError("--rename names one study; it cannot be used with --all") }
        if let rename { try validateStudyName(rename) }
    }

    func run() async throws {
        let reader = try await Self.open(source)
        let studies: [ImportedStudy]
        do {
            studies = try await OptunaImport.read(from: reader, names: try await chosenNames(reader), rename: rename)
            await reader.close()
        } catch {
            await reader.close()
            throw error
        }
        for warning in studies.flatMap(\.warnings) { Output.notice(warning) }
        let storage = try common.openStorage(existing: false)
        let records: [StudyRecord]
        do {
            records = try await OptunaImport.store(studies, into: storage)
        } catch SweepError.duplicateStudy(let name) {
            Output.notice(Self.taken(name, storage: common.storage))
            throw SweepError.duplicateStudy(name)
        }
        let views = zip(studies, records).map { ImportedView(study: $1.name, from: reader.location, trials: $0.trials) }
        if common.json {
            try Output.json(views)
        } else {
            for view in views { Output.line(view.line) }
        }
    }

    /// `--study`, else every study with `--all`, else the file's only study.
    private func chosenNames(_ reader: any OptunaSource) async throws -> [String] {
        let known = try await reader.studyNames()
        if let study {
            guard known.contains(study) else {
                Output.notice("\(reader.location) holds the studies: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
                throw SweepError.unknownStudy(study)
            }
            return [study]
        }
        if all || known.count == 1 { return known }
        if known.isEmpty { throw SweepError.invalidArgument("\(reader.location) holds no study") }
        throw SweepError.invalidArgument(
            "\(reader.location) holds \(known.count) studies (\(known.joined(separator: ", "))); choose one with --study NAME, or --all")
    }

    /// The reader `--from` names; a journal's warnings (a torn last line) go to standard error.
    static func open(_ url: String) async throws -> any OptunaSource {
        switch try OptunaLocation.source(url) {
        case .sqlite(let path): return try OptunaReader(path: path)
        case .journal(let path):
            let journal = try OptunaJournalReader(path: path)
            for warning in journal.warnings { Output.notice(warning) }
            return journal
        case .postgres(let url): return try await OptunaPostgresReader.open(url: url)
        }
    }

    static func taken(_ name: String, storage: String) -> String {
        "study '\(name)' exists in \(storage); import it under another name with --rename NEW, or delete it first. Nothing was imported."
    }
}

/// What `sweep import optuna` prints per study.
struct ImportedView: Encodable {
    var study: String
    var from: String
    var trials: Int
    var states: [String: Int]

    init(study: String, from: String, trials: [Trial]) {
        self.study = study
        self.from = from
        self.trials = trials.count
        self.states = Dictionary(grouping: trials, by: \.state.rawValue).mapValues(\.count)
    }

    var line: String {
        let counts = states.keys.sorted().map { "\(states[$0] ?? 0) \($0)" }.joined(separator: ", ")
        return "imported study '\(study)' from \(from): \(trials) trial\(trials == 1 ? "" : "s")\(counts.isEmpty ? "" : " (\(counts))")"
    }
}
