import ArgumentParser
import SweepCore
import SweepWire

struct Studies: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the studies in a storage.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let summaries = try await common.openStorage(readOnly: true).studies()
        if common.json {
            try Output.json(summaries.map { WireStudy($0.record, summary: $0) })
            return
        }
        if summaries.isEmpty { Output.line("no studies") }
        for s in summaries {
            let counts = TrialState.allCases.compactMap { state in s.counts[state].map { "\($0) \(state.rawValue)" } }
            let best = s.best.map { "best \(formatNumber($0)) (trial \(s.bestNumber ?? -1))" } ?? "no complete trial"
            Output.line("\(s.record.name)\t\(s.record.config.direction.rawValue)\t\(counts.joined(separator: ", "))\t\(best)")
        }
    }
}
