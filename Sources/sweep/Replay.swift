import ArgumentParser
import Foundation
import SweepCore
import SweepCurves
import SweepPruners
import SweepRunner

struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay recorded curves through pruners and score them (the judge benchmark).",
        discussion: """
            Trials run one after another in file order; each reports its steps, is asked whether to \
            prune after each report, and ends pruned or complete. With one file and one pruner, prints \
            where each trial was pruned, the fraction of steps used, whether the best trial survived and \
            the normalised regret. With several pruners, several files (each one study) or --shuffles, \
            prints one table: steps used, how often the best trial was kept, regret and decisions per \
            second for each judge, and which judges are on the Pareto front. Lines with the same "group"             are seed repetitions of one configuration: replayed as one trial of their mean curve, its             steps counted once per repetition. --value scores regret on a robust value.
            """)

    @OptionGroup var common: CommonOptions
    @Argument(help: "Curve datasets (JSON lines), each one study.") var files: [String]
    @Option(name: .customLong("pruner"), help: "A pruner spec (repeat to compare several).") var pruners: [String] = []
    @Option(help: "maximize or minimize (default: what each file says, else maximize).") var direction: String?
    @Option(help: "The study's name (Hyperband's brackets depend on it).") var studyName: String = "replay"
    @Option(help: "A trial's value, on which regret is scored: last, mean_last:K, best or auc.") var value: String = "last"
    @Option(parsing: .unconditional, help: "Also replay each study in this many seeded random trial orders.") var shuffles: Int = 0
    @Option(parsing: .unconditional, help: "Seed of the random orders.") var seed: UInt64 = 0

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one curve dataset, e.g. sweep replay curves.jsonl --pruner median") }
        if pruners.isEmpty { throw ValidationError("give at least one --pruner SPEC, e.g. --pruner median") }
        if shuffles < 0 { throw ValidationError("--shuffles must be 0 or more, got \(shuffles)") }
    }

    func run() async throws {
        let rule = try TrialValue(parsing: value)
        let judges = try pruners.map { JudgeBenchmark.Judge(spec: $0, pruner: try Components.pruner(parsing: $0)) }
        let override = try direction.map { try Direction(parsing: $0) }
        let studies = try files.map { path in
            // Lines of one group are seed repetitions: one trial of their mean curve.
            let records = CurveGroups.merge(try CurveDataset.read(path: path))
            try Replay.checkScorable(records, source: path)
            return JudgeBenchmark.StudyCurves(
                name: path, records: records, direction: try Replay.direction(of: records, override: override))
        }
        if studies.count == 1 && shuffles == 0 {
            try await replayOneStudy(studies[0], judges: judges, value: rule)
            return
        }
        let benchmark = JudgeBenchmark(studies: studies, shuffles: shuffles, seed: seed, studyName: studyName, value: rule)
        let scores = try await benchmark.run(judges)
        if common.json {
            try Output.json(BenchmarkView(studies: studies.map(\.name), shuffles: shuffles, seed: seed, judges: scores))
        } else {
            Output.line("\(studies.count) studies × \(shuffles + 1) orders (\(studies.map(\.records.count).reduce(0, +)) trials)")
            Output.line(JudgeScore.textTable(scores))
        }
    }

    private func replayOneStudy(
        _ study: JudgeBenchmark.StudyCurves, judges: [JudgeBenchmark.Judge], value: TrialValue
    ) async throws {
        var results: [ReplayResult] = []
        for judge in judges {
            results.append(try await Replay.run(
                study.records, pruner: judge.pruner, spec: judge.spec, direction: study.direction, studyName: studyName,
                value: value))
        }
        if common.json {
            if results.count == 1 { try Output.json(results[0]) } else { try Output.json(results) }
            return
        }
        guard results.count == 1 else {
            Output.line("\(study.records.count) trials (\(study.direction.rawValue))")
            Output.line(JudgeScore.textTable(JudgeScore.markingParetoFront(results.map {
                JudgeScore(pruner: $0.pruner, replays: [$0])
            })))
            return
        }
        let r = results[0]
        Output.line("pruner \(r.pruner) on \(r.trials.count) trials (\(r.direction.rawValue))")
        Output.line("id\tpruned_at\tsteps_used\tfinal")
        for t in r.trials {
            Output.line("\(t.id)\t\(t.prunedAt.map(String.init) ?? "-")\t\(t.stepsUsed)/\(t.totalSteps)\t\(formatNumber(t.final))")
        }
        let pct = String(format: "%.1f%%", r.stepsUsedFraction * 100)
        let best = r.bestTrial.map { "best kept \(r.bestKept ? "yes" : "no") (\($0.id))" } ?? "no best to keep"
        Output.line("steps used \(pct), pruned \(r.trials.filter { $0.prunedAt != nil }.count) of \(r.trials.count), \(best), normalized regret \(String(format: "%.4g", r.normalizedRegret)), \(String(format: "%.2f", r.microsecondsPerDecision)) µs per decision")
    }
}

/// The judge benchmark as `--json` prints it.
private struct BenchmarkView: Encodable {
    var studies: [String]
    var shuffles: Int
    var seed: UInt64
    var judges: [JudgeScore]
}
