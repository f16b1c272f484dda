import Foundation

/// Text renderings of curves for a person or a language model: pure functions returning text.
///
/// - `markdown`: per curve a heading, the sparkline, a table and the measures as a table.
/// - `csv`: for descriptions, two tables separated by one blank line: the rows
///   (`id,step,value,smoothed,best_so_far`) then the measures (one line per curve); for a curve
///   beside the best, one table `step,<id>,<peer>,...`. Missing values are empty fields.
/// - `json`: the ``CurveDescription`` or ``CurveBesideBest`` values, keys sorted, NaN as null:
///   `{"curves": [...]}` for descriptions.
public enum CurveRendering {
    /// An output format.
    public enum Format: String, Sendable, Hashable, CaseIterable, Codable {
        case markdown
        case csv
        case json
    }

    /// Renders each record's sparkline, downsampled table (`rows` rows) and, when asked, measures.
    public static func describe(_ records: [CurveRecord], rows: Int = 10, measures: Bool = true, format: Format) -> String {
        describe(records.map { CurveDescription($0, rows: rows, measures: measures) }, format: format)
    }

    /// Renders descriptions already made.
    public static func describe(_ descriptions: [CurveDescription], format: Format) -> String {
        switch format {
        case .markdown: return descriptions.map(markdown).joined(separator: "\n")
        case .csv: return csv(descriptions)
        case .json: return json(DescriptionList(curves: descriptions))
        }
    }

    /// Renders a curve beside the K best others (see ``CurveBesideBest``).
    public static func besideBest(_ comparison: CurveBesideBest, format: Format) -> String {
        switch format {
        case .markdown: return markdown(comparison)
        case .csv: return csv(comparison)
        case .json: return json(comparison)
        }
    }

    /// Renders `record` beside the `k` best of `peers` by `by`.
    public static func besideBest(
        _ record: CurveRecord, peers: [CurveRecord], k: Int, by: CurveMeasure = .final, rows: Int = 10, format: Format
    ) -> String {
        besideBest(CurveBesideBest(record, peers: peers, k: k, by: by, rows: rows), format: format)
    }

    struct DescriptionList: Codable {
        var curves: [CurveDescription]
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        // Plain values with finite numbers always encode.
        let data = (try? encoder.encode(value)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
