/// One curve's place in a ranking.
public struct RankedCurve: Sendable, Hashable, Codable {
    /// 1 for the best; curves with equal values share a rank; curves without a value come last.
    public var rank: Int
    public var id: String
    /// The measure's value; nil when it is undefined for this curve.
    public var value: Double?
}

/// Ranks curves by one measure.
public enum CurveRanking {
    /// Ranks `records` by `measure`, best first (see ``CurveMeasure/ranksBefore(_:_:direction:)``).
    /// Each record is measured in its own direction; ties keep the dataset order and share a rank;
    /// curves where the measure is undefined come last, unranked among themselves (rank = their
    /// shared place).
    public static func rank(_ records: [CurveRecord], by measure: CurveMeasure, smoothing: Smoothing? = nil) -> [RankedCurve] {
        let measured = records.map { ($0.id, measure.value(in: CurveMeasures($0, smoothing: smoothing)), CurveDirection($0)) }
        return rank(measured.map { ($0.0, $0.1) }, by: measure, direction: measured.first?.2 ?? .maximize)
    }

    /// Ranks precomputed `(id, value)` pairs by `measure` in `direction`, best first.
    public static func rank(_ values: [(id: String, value: Double?)], by measure: CurveMeasure, direction: CurveDirection) -> [RankedCurve] {
        let order = values.indices.sorted { i, j in
            switch (values[i].value, values[j].value) {
            case let (a?, b?):
                if measure.ranksBefore(a, b, direction: direction) { return true }
                if measure.ranksBefore(b, a, direction: direction) { return false }
                return i < j
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return i < j
            }
        }
        var out: [RankedCurve] = []
        for (place, i) in order.enumerated() {
            var rank = place + 1
            if let previous = out.last, previous.value == values[i].value { rank = previous.rank }
            out.append(RankedCurve(rank: rank, id: values[i].id, value: values[i].value))
        }
        return out
    }
}
