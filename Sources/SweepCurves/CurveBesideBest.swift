/// A curve beside the K best other curves, at the same steps: what a judge of a running trial
/// compares it with.
public struct CurveBesideBest: Sendable, Hashable, Codable {
    /// One curve in the comparison.
    public struct Column: Sendable, Hashable, Codable {
        public var id: String
        /// The value of the ranking measure for this curve (nil when undefined).
        public var measure: Double?
        public var sparkline: String
    }

    /// One row: a step of the curve and every column's value there (nil when a curve has no
    /// value at that step; see ``CurveTable/value(of:atStep:)``).
    public struct Row: Sendable, Hashable, Codable {
        public var step: Int
        public var values: [Double?]
    }

    public var id: String
    /// The measure the peers were ranked by.
    public var by: CurveMeasure
    /// The curve first, then the K best peers, best first.
    public var columns: [Column]
    public var rows: [Row]

    /// Puts `record` beside the `k` best of `peers` (ranked by `by`; `record` itself is left out
    /// of the peers), with `rows` rows at evenly spaced positions of `record`'s steps.
    public init(_ record: CurveRecord, peers: [CurveRecord], k: Int, by: CurveMeasure = .final, rows: Int = 10, sparklineWidth: Int = 24) {
        let others = peers.filter { $0.id != record.id }
        let ranked = CurveRanking.rank(others, by: by).prefix(max(0, k))
        let byID = Dictionary(others.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let chosen = ranked.compactMap { byID[$0.id] }
        let all = [record] + chosen
        id = record.id
        self.by = by
        columns = all.map { r in
            Column(
                id: r.id, measure: by.value(in: CurveMeasures(r)).flatMap { NumberText.rounded($0, digits: 6) },
                sparkline: Sparkline.render(r.curve, width: sparklineWidth))
        }
        self.rows = CurveTable.positions(count: record.curve.count, rows: rows).map { i in
            let step = record.step(at: i)
            return Row(step: step, values: all.map { r in
                CurveTable.value(of: r, atStep: step).flatMap { NumberText.rounded($0, digits: 6) }
            })
        }
    }
}
