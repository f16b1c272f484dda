import ArgumentParser
import Foundation
import SweepServer

/// `sweep export html --study S --out study.html`.
struct ExportHTML: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "Write a study's page as one self-contained HTML file.",
        discussion: """
            The file holds what sweep serve's study page shows (the curves of the objective, the parameter \
            plots and every trial in a table), with no script, no link and nothing loaded from anywhere: \
            it opens offline, and can be attached to a paper or a message.
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var studyOption: StudyOption
    @Option(help: "The file to write (replaced if it exists).") var out: String

    func run() async throws {
        let study = try await common.openStudy(studyOption.name, readOnly: true)
        let html = try await SweepServer.exportStudyPage(storage: study.storage, study: study.name)
        let file = URL(fileURLWithPath: out)
        try Data(html.utf8).write(to: file, options: .atomic)
        let view = ExportedPage(study: study.name, to: file.path, bytes: html.utf8.count)
        if common.json {
            try Output.json(view)
        } else {
            Output.line("wrote the page of study '\(view.study)' to \(view.to) (\(view.bytes) bytes)")
        }
    }
}

/// What `sweep export html` prints.
struct ExportedPage: Encodable {
    var study: String
    var to: String
    var bytes: Int
}
