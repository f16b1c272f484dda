extension CurveRendering {
    static func markdown(_ d: CurveDescription) -> String {
        var out = "### \(d.id) (\(d.direction.rawValue))\n\n"
        if !d.params.isEmpty {
            out += "params: " + d.params.keys.sorted().map { "\($0)=\(d.params[$0]?.description ?? "null")" }.joined(separator: ", ") + "\n\n"
        }
        let span = [d.firstStep, d.lastStep].compactMap { $0 }.map(String.init).joined(separator: "–")
        out += "sparkline: `\(d.sparkline)`" + (span.isEmpty ? " (empty)" : " (steps \(span))") + "\n\n"
        out += "| step | value | smoothed | best so far |\n|---:|---:|---:|---:|\n"
        for r in d.rows {
            let cells = [r.value, r.smoothed, r.bestSoFar].map { NumberText.text($0, digits: 4) }
            out += "| \(r.step) | " + cells.joined(separator: " | ") + " |\n"
        }
        if let m = d.measures {
            out += "\n| measure | value |\n|---|---:|\n"
            for line in m.lines() { out += "| \(line.name) | \(line.text) |\n" }
        }
        return out
    }

    static func markdown(_ c: CurveBesideBest) -> String {
        var out = "### \(c.id) beside the \(c.columns.count - 1) best by \(c.by.rawValue)\n\n"
        for (k, col) in c.columns.enumerated() {
            let role = k == 0 ? "this curve" : "best #\(k)"
            out += "- \(NumberText.markdownCell(col.id)) (\(role), \(c.by.rawValue) \(NumberText.text(col.measure, digits: 4))): `\(col.sparkline)`\n"
        }
        out += "\n| step | " + c.columns.map { NumberText.markdownCell($0.id) }.joined(separator: " | ") + " |\n"
        out += "|---:|" + String(repeating: "---:|", count: c.columns.count) + "\n"
        for r in c.rows {
            out += "| \(r.step) | " + r.values.map { NumberText.text($0, digits: 4) }.joined(separator: " | ") + " |\n"
        }
        return out
    }
}
