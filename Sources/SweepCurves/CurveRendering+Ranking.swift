import SweepSupport
extension CurveRendering {
    /// Renders a ranking (see ``CurveRanking``): markdown table, CSV `rank,id,<measure>`, or JSON
    /// `{"by": ..., "ranking": [{"rank", "id", "value"}]}`.
    public static func ranking(_ ranked: [RankedCurve], by measure: CurveMeasure, format: Format) -> String {
        switch format {
        case .markdown:
            var out = "| rank | id | \(measure.rawValue) |\n|---:|---|---:|\n"
            for r in ranked {
                out += "| \(r.rank) | \(NumberText.markdownCell(r.id)) | \(NumberText.text(r.value, digits: 4)) |\n"
            }
            return out
        case .csv:
            var out = "rank,id,\(measure.rawValue)\n"
            for r in ranked {
                out += "\(r.rank),\(csvField(r.id)),\(NumberText.text(r.value, digits: 6, missing: ""))\n"
            }
            return out
        case .json:
            return json(RankingList(by: measure, ranking: ranked))
        }
    }

    struct RankingList: Codable {
        var by: CurveMeasure
        var ranking: [RankedCurve]
    }
}
