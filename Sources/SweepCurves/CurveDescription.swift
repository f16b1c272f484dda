/// What a rendering says about one curve: its sparkline, a downsampled table and its measures.
public struct CurveDescription: Sendable, Hashable, Codable {
    /// One row of the downsampled table.
    public struct Row: Sendable, Hashable, Codable {
        public var step: Int
        public var value: Double?
        public var smoothed: Double?
        public var bestSoFar: Double?

        enum CodingKeys: String, CodingKey {
            case step, value, smoothed
            case bestSoFar = "best_so_far"
        }
    }

    public var id: String
    public var direction: CurveDirection
    public var params: [String: CurveJSON]
    public var sparkline: String
    public var firstStep: Int?
    public var lastStep: Int?
    public var rows: [Row]
    /// Nil when the rendering leaves the measures out (as a quiz does).
    public var measures: CurveSummary?

    enum CodingKeys: String, CodingKey {
        case id, direction, params, sparkline, rows, measures
        case firstStep = "first_step", lastStep = "last_step"
    }

    /// Describes `record` with `rows` table rows (see ``CurveTable/positions(count:rows:)``);
    /// the smoothed column is the measures' smoothed curve.
    public init(_ record: CurveRecord, rows: Int = 10, sparklineWidth: Int = 40, measures includeMeasures: Bool = true, smoothing: Smoothing? = nil) {
        let m = CurveMeasures(record, smoothing: smoothing)
        let best = CurveMeasures.bestSoFar(record.curve, direction: m.direction)
        id = record.id
        direction = m.direction
        params = record.params
        sparkline = Sparkline.render(record.curve, width: sparklineWidth)
        firstStep = record.curve.isEmpty ? nil : record.step(at: 0)
        lastStep = record.curve.isEmpty ? nil : record.step(at: record.curve.count - 1)
        self.rows = CurveTable.positions(count: record.curve.count, rows: rows).map { i in
            Row(
                step: record.step(at: i), value: NumberText.rounded(record.curve[i], digits: 6),
                smoothed: NumberText.rounded(m.smoothed[i], digits: 6), bestSoFar: NumberText.rounded(best[i], digits: 6))
        }
        measures = includeMeasures ? CurveSummary(m) : nil
    }
}
