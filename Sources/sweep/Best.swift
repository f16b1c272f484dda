import ArgumentParser
import SweepCore
import SweepWire

struct Best: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the best complete trial.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var studyOption: StudyOption

    func run() async throws {
        let study = try await common.openStudy(studyOption.name)
        guard let indexed = try await study.bestTrial() else {
            throw SweepError.invalidArgument("study '\(study.name)' has no complete trial yet")
        }
        let best = try await study.storage.trial(id: indexed.id)  // with every metric's curve
        let view = WireTrial(best, study: study)
        if common.json {
            try Output.json(view)
        } else {
            Output.line("trial \(best.number): \(study.objective) = \(best.value.map(formatNumber) ?? "-")")
            for name in best.params.keys.sorted() { Output.line("  \(name) = \(best.params[name]?.description ?? "")") }
        }
    }
}
