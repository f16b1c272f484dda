import ArgumentParser
import Foundation
import SweepCore

/// `sweep delete STUDY`: removes a study with its trials, reports, notes and attributes.
struct Delete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete a study with its trials, reports, notes and attributes (asks first; --yes skips).",
        discussion: "Without a terminal to ask on (a script, CI), --yes is required. Trial logs in sweep-logs/ stay.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The study's name.") var name: String
    @Flag(help: "Delete without asking.") var yes = false

    func run() async throws {
        let storage = try common.openStorage()
        let record = try await storage.study(named: name)
        let trials = try await storage.trialCount(study: record.id)
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else { throw SweepError.invalidArgument(Self.needsYes(name)) }
            FileHandle.standardError.write(Data(Self.question(name, trials: trials).utf8))
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard answer == "y" || answer == "yes" else {
                throw CleanExit.message("kept study '\(name)'")
            }
        }
        try await storage.deleteStudy(record.id)
        if common.json {
            try Output.json(DeletedView(deleted: name, trials: trials))
        } else {
            Output.line("deleted study '\(name)' and its \(trials) trial\(trials == 1 ? "" : "s")")
        }
    }

    static func needsYes(_ name: String) -> String {
        "sweep delete asks before deleting and there is no terminal to ask on; run `sweep delete \(name) --yes`"
    }

    static func question(_ name: String, trials: Int) -> String {
        "Delete study '\(name)' and its \(trials) trial\(trials == 1 ? "" : "s")? This cannot be undone. [y/N] "
    }
}

/// What `sweep delete --json` prints.
struct DeletedView: Encodable {
    var deleted: String
    var trials: Int
}
