import SweepSupport
extension CurveRendering {
    /// The measure columns of the CSV measures table, in order.
    static let csvMeasureColumns = [
        "id", "direction", "count", "final", "final_step", "best", "best_step", "maximum", "maximum_step",
        "minimum", "minimum_step", "auc", "noise", "gain", "rate", "halfway_step", "onset_step",
        "inflection_step", "plateau_step", "stop_step",
    ]

    static func csv(_ descriptions: [CurveDescription]) -> String {
        let n = { (x: Double?) in NumberText.text(x, digits: 6, missing: "") }
        let s = { (x: Int?) in x.map(String.init) ?? "" }
        var out = "id,step,value,smoothed,best_so_far\n"
        for d in descriptions {
            for r in d.rows {
                out += [csvField(d.id), String(r.step), n(r.value), n(r.smoothed), n(r.bestSoFar)].joined(separator: ",") + "\n"
            }
        }
        let summaries = descriptions.compactMap { d in d.measures.map { (d.id, $0) } }
        guard !summaries.isEmpty else { return out }
        out += "\n" + csvMeasureColumns.joined(separator: ",") + "\n"
        for (id, m) in summaries {
            let fields = [
                csvField(id), m.direction.rawValue, String(m.count), n(m.final), s(m.finalStep), n(m.best),
                s(m.bestStep), n(m.maximum), s(m.maximumStep), n(m.minimum), s(m.minimumStep), n(m.auc), n(m.noise),
                n(m.gain), n(m.rate), s(m.halfwayStep), s(m.onsetStep), s(m.inflectionStep), s(m.plateauStep),
                s(m.stopStep),
            ]
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    static func csv(_ c: CurveBesideBest) -> String {
        var out = (["step"] + c.columns.map { csvField($0.id) }).joined(separator: ",") + "\n"
        for r in c.rows {
            out += ([String(r.step)] + r.values.map { NumberText.text($0, digits: 6, missing: "") }).joined(separator: ",") + "\n"
        }
        return out
    }
}
