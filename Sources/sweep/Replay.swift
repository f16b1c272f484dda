import ArgumentParser
import Foundation
import SweepCore
import SweepCurves
import SweepPruners
import SweepRunner

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay recorded curves through pruners and score them.",
        discussion: """
            Trials run one after another in file order; each reports its steps, is asked whether to \
            prune after each report, and ends pruned or complete. Prints where each trial was pruned, \
            the fraction of steps used, whether the best trial survived and the normalised regret.
            """)

    @OptionGroup var common: CommonOptions
    @Argument(help: "A curve dataset (JSON lines).") var file: String
    @Option(name: .customLong("pruner"), help: "A pruner spec (repeat to compare several).") var pruners: [String] = []
    @Option(help: "maximize or minimize (default: what the file says, else maximize).") var direction: String?
    @Option(help: "The study's name (Hyperband's brackets depend on it).") var studyName: String = "replay"

    func validate() throws {
        if pruners.isEmpty { throw ValidationError("give at least one --pruner SPEC, e.g. --pruner median") }
    }

    func run() throws {
        let built = try pruners.map { (spec: $0, pruner: try Pruners.make(parsing: $0)) }
        let records = try CurveDataset.read(path: file)
        let dir = try Replay.direction(of: records, override: try direction.map { try Direction(parsing: $0) })
        var results: [ReplayResult] = []
        for item in built {
            results.append(try Replay.run(records, pruner: item.pruner, spec: item.spec, direction: dir, studyName: studyName))
        }
        if common.json {
            if results.count == 1 { try Output.json(results[0]) } else { try Output.json(results) }
            return
        }
        for result in results { printText(result, multiple: results.count > 1) }
    }

    private func printText(_ r: ReplayResult, multiple: Bool) {
        Output.line("pruner \(r.pruner) on \(r.trials.count) trials (\(r.direction.rawValue))")
        if !multiple {
            Output.line("id\tpruned_at\tsteps_used\tfinal")
            for t in r.trials {
                Output.line("\(t.id)\t\(t.prunedAt.map(String.init) ?? "-")\t\(t.stepsUsed)/\(t.totalSteps)\t\(formatNumber(t.final))")
            }
        }
        let pct = String(format: "%.1f%%", r.stepsUsedFraction * 100)
        Output.line("steps used \(pct), pruned \(r.trials.filter { $0.prunedAt != nil }.count) of \(r.trials.count), best kept \(r.bestKept ? "yes" : "no") (\(r.bestTrial?.id ?? "-")), normalized regret \(String(format: "%.4g", r.normalizedRegret)), \(String(format: "%.2f", r.microsecondsPerDecision)) µs per decision")
    }
}
