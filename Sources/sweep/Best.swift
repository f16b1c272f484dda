import ArgumentParser
import SweepCore
import SweepWire

struct Best: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the best complete trial.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var studyOption: StudyOption

    func run() async throws {
        let study = try await common.openStudy(studyOption.name, readOnly: true)
        // One query, not the study's index: the same time at any study size.
        guard let best = try await study.storage.bestTrial(study: study.record.id, direction: study.direction) else {
            throw SweepError.invalidArgument("study '\(study.name)' has no complete trial yet")
        }
        let view = WireTrial(best, study: study)
        if common.json {
            try Output.json(view)
        } else {
            Output.line("trial \(best.number): \(study.objective) = \(best.value.map(formatNumber) ?? "-")")
            for name in best.params.keys.sorted() { Output.line("  \(name) = \(best.params[name]?.description ?? "")") }
        }
    }
}
