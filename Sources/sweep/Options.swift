import ArgumentParser
import Foundation
import SweepCore
import SweepRunner

/// `--storage` and `--json`, taken by every command.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Where studies live: sqlite:PATH, memory:.")
    var storage: String = "sqlite:sweep.db"

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    func openStorage() throws -> any Storage {
        try StorageLocator.open(storage)
    }

    /// Opens a study by name (or the storage's only study).
    func openStudy(_ name: String?) throws -> Study {
        try StudyOpener.open(named: name, storage: try openStorage())
    }
}

/// `--study NAME`, optional when the storage holds one study.
struct StudyOption: ParsableArguments {
    @Option(name: .long, help: "The study's name (optional when the storage holds exactly one study).")
    var study: String?
}
