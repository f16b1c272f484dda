import ArgumentParser
import Foundation
import SweepCore
import SweepCurves
import SweepRunner
import SweepWire

/// `sweep curves export [--study S] [--metric M|--all-metrics] --format csv|jsonl [--out FILE]`.
struct CurvesExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a study's curves: a long CSV table for pandas, or a curve dataset (JSON lines).",
        discussion: """
            csv: one row per reported value, trial,state,step,metric,value then params_NAME columns; \
            pandas.read_csv reads it (NaN and infinities are empty fields). jsonl: DESIGN.md's curve dataset, \
            one trial a line ({"id", "params", "curve", "steps", "metrics", "direction", "group", "labels"}), \
            which sweep import curves and sweep replay read: "curve" is the chosen metric's, "metrics" the \
            others with --all-metrics, at the steps any of them reported (null where one did not), and \
            "labels" hold the trial's number and state. Without --metric, the study's objective.
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var studyOption: StudyOption
    @Option(help: "The metric to export (default: the study's objective).") var metric: String?
    @Flag(help: "Export every metric (with --format jsonl, the objective is the curve and the others are metrics).")
    var allMetrics = false
    @Option(help: "csv (one row per value, for pandas) or jsonl (a curve dataset).") var format: String
    @Option(help: "The file to write (replaced if it exists; default: standard output).") var out: String?

    func validate() throws {
        guard ["csv", "jsonl"].contains(format) else { throw ValidationError("--format must be csv or jsonl, got '\(format)'") }
        if metric != nil && allMetrics { throw ValidationError("--metric and --all-metrics exclude each other; pass one") }
        if metric?.isEmpty == true { throw ValidationError("--metric needs a name") }
    }

    func run() async throws {
        let study = try await common.openStudy(studyOption.name, readOnly: true)
        let chosen = metric ?? study.objective
        let curves: CurveSelection = allMetrics ? .all : .only([chosen])
        let trials = try await study.storage.trials(study: study.record.id, states: nil, curves: curves)
        if metric != nil && chosen != study.objective && !trials.contains(where: { !$0.curve(chosen).isEmpty }) {
            let all = try await study.storage.trials(study: study.record.id, states: nil, curves: .all)
            let known = Set(all.flatMap { $0.metrics.filter { !$0.value.isEmpty }.keys }).union([study.objective]).sorted()
            throw SweepError.invalidArgument(
                "study '\(study.name)' has no metric '\(chosen)'; its metrics: \(known.joined(separator: ", "))")
        }
        let data: Data
        let lines: Int
        if format == "csv" {
            let table = CurvesCSV(trials: trials, metrics: allMetrics ? nil : [chosen])
            data = Data(table.text(trials).utf8)
            lines = trials.reduce(0) { $0 + $1.metrics.filter { allMetrics || $0.key == chosen }.values.reduce(0) { $0 + $1.count } }
        } else {
            let records = CurveExport.records(trials, metric: chosen, allMetrics: allMetrics, direction: study.direction)
            data = CurveDataset.encode(records)
            lines = records.count
        }
        if lines == 0 { Output.notice("no trial of study '\(study.name)' reported \(allMetrics ? "any metric" : "'\(chosen)'")") }
        guard let out else {
            FileHandle.standardOutput.write(data)
            return
        }
        let file = URL(fileURLWithPath: out)
        try data.write(to: file, options: .atomic)
        let view = ExportedCurves(study: study.name, to: file.path, format: format, lines: lines)
        if common.json {
            try Output.json(view)
        } else {
            Output.line("wrote \(lines) \(format == "csv" ? "row" : "curve")\(lines == 1 ? "" : "s") of study '\(view.study)' to \(view.to)")
        }
    }
}

/// What `sweep curves export --out FILE` prints.
struct ExportedCurves: Encodable {
    var study: String
    var to: String
    var format: String
    var lines: Int
}
