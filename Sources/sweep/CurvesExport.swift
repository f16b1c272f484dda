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
        let ids = CurveExport.usesSourceIDs(trials, metric: chosen, allMetrics: allMetrics)
        let sink = try CurvesSink(path: out)
        var lines = 0
        do {
            // Written a chunk of trials at a time: a table of millions of rows is never held whole.
            let table = CurvesCSV(trials: trials, metrics: allMetrics ? nil : [chosen])
            if format == "csv" { try sink.write(Data(table.header.utf8)) }
            for start in stride(from: 0, to: trials.count, by: 500) {
                let chunk = Array(trials[start..<min(start + 500, trials.count)])
                if format == "csv" {
                    var text = ""
                    for trial in chunk { text += table.rows(trial) }
                    try sink.write(Data(text.utf8))
                    lines += chunk.reduce(0) { $0 + $1.metrics.filter { allMetrics || $0.key == chosen }.values.reduce(0) { $0 + $1.count } }
                } else {
                    let records = CurveExport.records(chunk, metric: chosen, allMetrics: allMetrics, direction: study.direction, sourceIDs: ids)
                    try sink.write(CurveDataset.encode(records))
                    lines += records.count
                }
            }
            try sink.finish()
        } catch {
            sink.abandon()
            throw error
        }
        if lines == 0 { Output.notice("no trial of study '\(study.name)' reported \(allMetrics ? "any metric" : "'\(chosen)'")") }
        guard let out else { return }
        let file = URL(fileURLWithPath: out)
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

/// Where `sweep curves export` writes: standard output, or a new file beside `path` that replaces
/// it when everything was written (a failed export leaves no half file).
final class CurvesSink {
    private let handle: FileHandle
    private let path: String?
    private let partial: String?

    init(path: String?) throws {
        self.path = path
        guard let path else {
            handle = FileHandle.standardOutput
            partial = nil
            return
        }
        let partial = path + ".partial-\(getpid())"
        guard FileManager.default.createFile(atPath: partial, contents: nil), let handle = FileHandle(forWritingAtPath: partial) else {
            throw SweepError.invalidArgument("cannot write \(path): its folder does not exist or is not writable")
        }
        self.partial = partial
        self.handle = handle
    }

    func write(_ data: Data) throws {
        do {
            try handle.write(contentsOf: data)
        } catch {
            throw SweepError.storage("cannot write \(path ?? "standard output"): \(error.localizedDescription)")
        }
    }

    /// Puts the written file in place.
    func finish() throws {
        guard let partial, let path else { return }
        try handle.close()
        guard rename(partial, path) == 0 else {
            let reason = String(cString: strerror(errno))
            abandon()
            throw SweepError.storage("cannot write \(path): \(reason)")
        }
    }

    /// Removes what was written.
    func abandon() {
        guard let partial else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: partial)
    }
}
