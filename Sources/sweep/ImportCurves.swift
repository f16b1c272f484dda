import ArgumentParser
import Foundation
import SweepCore
import SweepCurves
import SweepRunner

/// `sweep import curves FILE.jsonl --study NAME`: a curve dataset becomes a study of finished trials.
struct ImportCurves: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curves",
        abstract: "Import a curve dataset (JSON lines) as a new study of finished trials, in one bulk load.",
        discussion: """
            Each line becomes a trial in file order: "curve" is the objective metric's curve (--metric), \
            "metrics" more curves at the same steps, "params" its parameters (the study's space is the \
            ranges and choices seen), its value the study's rule on the curve (--value; a curve without \
            one makes a failed trial); its id, "group" and "labels" are kept as user attributes. The \
            study must be new.
            """)

    @OptionGroup var common: CommonOptions
    @Argument(help: "The curve dataset (DESIGN.md's format: {\"id\": ..., \"curve\": [...]} per line).") var file: String
    @Option(help: "The new study's name.") var study: String
    @Option(help: "The name of the objective metric the curves are (default: value).") var metric: String = "value"
    @Option(help: "maximize or minimize (default: what the file says, else maximize).") var direction: String?
    @Option(help: "A trial's value from its curve: last, mean_last:K, best or auc.") var value: String = "last"

    func validate() throws {
        try validateStudyName(study)
        if metric.isEmpty { throw ValidationError("--metric needs a name") }
    }

    func run() async throws {
        let started = ContinuousClock.now
        let records = try CurveDataset.read(path: file)
        if records.isEmpty { throw SweepError.invalidArgument("\(file) holds no curves; expected one JSON object per line") }
        let config = try CurveImport.config(
            records, name: study, metric: metric,
            direction: try Replay.direction(of: records, override: try direction.map { try Direction(parsing: $0) }),
            value: try TrialValue(parsing: value))
        let storage = try common.openStorage(existing: false)
        let record = try await storage.createStudy(config)
        let drafts = CurveImport.drafts(records, config: config)
        do {
            // In chunks, so a file of millions of reports does not hold them all twice.
            for start in stride(from: 0, to: drafts.count, by: Self.chunk) {
                try await storage.importTrials(study: record.id, Array(drafts[start..<min(start + Self.chunk, drafts.count)]))
            }
        } catch {
            // Nothing half imported: the study goes with what came in.
            try? await storage.deleteStudy(record.id)
            throw error
        }
        let reports = drafts.reduce(0) { $0 + $1.metrics.values.reduce(0) { $0 + $1.count } }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if common.json {
            try Output.json(ImportedCurves(study: study, trials: drafts.count, reports: reports, seconds: seconds))
        } else {
            Output.line(
                "imported \(drafts.count) trials (\(reports) reports) into study '\(study)' in \(formatNumber((seconds * 100).rounded() / 100)) s")
        }
    }

    static let chunk = 2_000
}

/// What `sweep import curves --json` prints.
struct ImportedCurves: Encodable {
    var study: String
    var trials: Int
    var reports: Int
    var seconds: Double
}
