import ArgumentParser
import SweepCurves

/// `sweep curves describe FILE`: sparkline, downsampled table and measures per curve.
struct CurvesDescribe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Describe curves: a sparkline, a downsampled table and the measures of each.",
        discussion: """
            With --with-best K, each curve is shown beside the K best other curves (ranked by --by) \
            at the same steps. With --rank MEASURE, prints the ranking of all curves by that measure. \
            Measures: \(CurveMeasure.names).
            """)

    @Argument(help: "A curve dataset (JSON lines).") var file: String
    @Option(help: "Describe only the curve with this id.") var id: String?
    @Option(name: .customLong("with-best"), parsing: .unconditional, help: "Show the curve beside the K best other curves.") var withBest: Int?
    @Option(help: "The measure that picks the best curves for --with-best (default final).") var by: String = "final"
    @Option(help: "Rank all curves by this measure instead of describing them.") var rank: String?
    @Option(help: "markdown, csv or json.") var format: String = "markdown"
    @Option(parsing: .unconditional, help: "Rows of the downsampled table.") var rows: Int = 10
    @Flag(help: "Print JSON (the same as --format json), as every command takes.") var json = false

    func validate() throws {
        _ = try curvesFormat(format)
        if json && !["markdown", "json"].contains(format) {
            throw ValidationError("--json and --format \(format) disagree; give one of them")
        }
        if rows < 1 { throw ValidationError("--rows must be at least 1, got \(rows)") }
        if let withBest, withBest < 1 { throw ValidationError("--with-best must be at least 1, got \(withBest)") }
        if CurveMeasure(parsing: by) == nil { throw ValidationError("--by must be a measure (\(CurveMeasure.names)), got '\(by)'") }
        if let rank, CurveMeasure(parsing: rank) == nil {
            throw ValidationError("--rank must be a measure (\(CurveMeasure.names)), got '\(rank)'")
        }
    }

    func run() throws {
        let format = try curvesFormat(json ? "json" : format)
        let records = try CurveDataset.read(path: file)
        var chosen = records
        if let id {
            guard let record = records.first(where: { $0.id == id }) else { throw CurvesError.unknownID(id, file: file) }
            chosen = [record]
        }
        if let rank, let measure = CurveMeasure(parsing: rank) {
            print(CurveRendering.ranking(CurveRanking.rank(chosen, by: measure), by: measure, format: format), terminator: "")
        } else if let withBest, let measure = CurveMeasure(parsing: by) {
            for record in chosen {
                print(CurveRendering.besideBest(record, peers: records, k: withBest, by: measure, rows: rows, format: format), terminator: "")
            }
        } else {
            print(CurveRendering.describe(chosen, rows: rows, format: format), terminator: "")
        }
    }
}
