import ArgumentParser
import SweepCore

/// `sweep rename OLD NEW`: gives a study another name; its trials stay.
struct Rename: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rename a study; refuses a name another study has.",
        discussion: """
            Study files name their study: after a rename, `sweep run` on the old file starts a new \
            study under the old name. Hyperband derives its brackets from the name, so trials after \
            a rename may fall into other brackets.
            """)

    @OptionGroup var common: CommonOptions
    @Argument(help: "The study's name now.") var old: String
    @Argument(help: "Its new name.") var new: String

    func validate() throws {
        try validateStudyName(new)
    }

    func run() async throws {
        let storage = try common.openStorage()
        let record = try await storage.study(named: old)
        try await storage.renameStudy(record.id, to: new)
        if common.json {
            try Output.json(["renamed": old, "to": new])
        } else {
            Output.line("renamed study '\(old)' to '\(new)'")
        }
    }
}
