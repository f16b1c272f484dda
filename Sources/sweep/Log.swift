import ArgumentParser
import Foundation
import SweepCore
import SweepRunner

struct Log: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The study's research log: notes and trial results in time order, with what changed between consecutive trials.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The study (optional when the storage holds one).") var study: String?

    func run() async throws {
        let s = try await common.openStudy(study, readOnly: true)
        let entries = ResearchLog.entries(study: try await s.storage.study(named: s.name), trials: try await s.trials())
        if common.json {
            try Output.json(entries)
        } else {
            for e in entries { Output.line(e.line) }
        }
    }
}
