import ArgumentParser
import Foundation
import SweepCore
import SweepRunner

/// `--storage` and `--json`, taken by every command.
struct CommonOptions: ParsableArguments {
    @Option(
        name: .customLong("storage"),
        help: "Where studies live: sqlite:PATH, postgres://USER[:PASSWORD]@HOST[:PORT]/DB, memory: (default: $SWEEP_STORAGE, else sqlite:sweep.db).")
    var storageOption: String?

    /// `--storage`, else `$SWEEP_STORAGE`, else `sqlite:sweep.db`.
    var storage: String { storageOption ?? ProcessInfo.processInfo.environment["SWEEP_STORAGE"] ?? "sqlite:sweep.db" }

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    /// Opens the storage; with `existing`, a SQLite file that does not exist is an error, not a
    /// new empty database (for commands that read or need a study). Commands that only read
    /// pass `readOnly`: they work on a file they may not write, and beside a writer's lock.
    func openStorage(existing: Bool = true, readOnly: Bool = false) throws -> any Storage {
        try StorageLocator.open(storage, existing: existing, readOnly: readOnly)
    }

    /// Opens a study by name, or the storage's only study. A command that only reads, given no
    /// name in a storage of several studies, reads the newest and says so on standard error
    /// (`sweep show 7` right after `sweep run`); a command that writes refuses to guess.
    func openStudy(_ name: String?, readOnly: Bool = false) async throws -> Study {
        try await StudyOpener.open(named: name, storage: try openStorage(readOnly: readOnly), newestWhenSeveral: readOnly) { chosen, all in
            Output.notice("study '\(chosen)', the newest of \(all.count) (\(all.joined(separator: ", "))); choose one with --study")
        }
    }
}

/// `--study NAME`, optional when the storage holds one study.
struct StudyOption: ParsableArguments {
    @Option(name: .long, help: "The study's name (default: $SWEEP_STUDY; optional when the storage holds one study).")
    var study: String?

    /// `--study`, else `$SWEEP_STUDY` (set for training commands run by `sweep run`).
    var name: String? { study ?? ProcessInfo.processInfo.environment["SWEEP_STUDY"] }
}

/// Refuses a negative trial number before any storage is opened.
func validateTrialNumber(_ number: Int?, what: String = "--trial") throws {
    if let number, number < 0 { throw ValidationError("\(what) must be 0 or more (trials are numbered from 0), got \(number)") }
}

/// Refuses a study name that is empty, only white space, or holds control characters (a tab or a
/// newline would break `sweep studies`' lines).
func validateStudyName(_ name: String) throws {
    if name.trimmingCharacters(in: .whitespacesAndNewlines.union(.controlCharacters)).isEmpty {
        throw ValidationError("a study name must have a visible character, got '\(name)'")
    }
    if name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
        throw ValidationError("a study name must not hold control characters (tabs, newlines), got \(name.debugDescription)")
    }
}
