import SweepCore
import SweepCurves

/// All trials' curves of one metric overlaid in one SVG: complete trials drawn, pruned and failed
/// ones dimmed, the best trial on top in a strong colour. Values are scaled by `CurveScale` first,
/// so curves near ±1e308 are drawn like any other; NaN breaks a line.
struct CurvesPlot {
    struct Line {
        var number: Int
        var state: TrialState
        var points: [(step: Int, value: Double)]
    }

    var lines: [Line]
    var best: Int?
    var width = 900
    var height = 360

    func svg() -> String {
        let scale = CurveScale(lines.flatMap { $0.points.map(\.value) })
        let scaled = lines.map { line in (line, line.points.map { ($0.step, $0.value * scale.factor) }) }
        let values = scaled.flatMap { $0.1.map(\.1) }.filter(\.isFinite)
        let steps = scaled.flatMap { $0.1.map(\.0) }
        guard let low = values.min(), let high = values.max(), let first = steps.min(), let last = steps.max() else {
            return "<p class=\"muted\">No trial has reported this metric yet.</p>"
        }
        let pad = 36.0
        let w = Double(width) - 2 * pad
        let h = Double(height) - 2 * pad
        let xSpan = Double(max(last - first, 1))
        let ySpan = high > low ? high - low : 1
        func x(_ step: Int) -> Double { pad + w * Double(step - first) / xSpan }
        func y(_ value: Double) -> Double { pad + h * (1 - (value - low) / ySpan) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\">"
        out += "<text x=\"\(pad)\" y=\"20\" font-size=\"12\" fill=\"#555\">\(escaped(label(high / scale.factor)))</text>"
        out += "<text x=\"\(pad)\" y=\"\(height - 8)\" font-size=\"12\" fill=\"#555\">\(escaped(label(low / scale.factor)))</text>"
        out += "<text x=\"\(width - 120)\" y=\"\(height - 8)\" font-size=\"12\" fill=\"#555\">steps \(first)–\(last)</text>"
        // Dimmed lines first, the best last, so it is drawn on top.
        let ordered = scaled.sorted { rank($0.0) < rank($1.0) }
        for (line, points) in ordered {
            var d = ""
            var pen = false
            for (step, value) in points {
                guard value.isFinite else {
                    pen = false
                    continue
                }
                // Each piece starts with a zero-length segment: with round caps a lone point is a dot.
                d += (pen ? "L" : "M") + "\(format(x(step))) \(format(y(value)))" + (pen ? "" : "l0 0")
                pen = true
            }
            guard !d.isEmpty else { continue }
            let style =
                line.number == best
                ? "stroke=\"#c01c28\" stroke-width=\"2.5\""
                : line.state == .complete
                    ? "stroke=\"#1a5fb4\" stroke-width=\"1.5\" stroke-opacity=\"0.55\""
                    : "stroke=\"#999\" stroke-width=\"1.5\" stroke-opacity=\"0.35\""
            out += "<path d=\"\(d)\" fill=\"none\" stroke-linecap=\"round\" \(style)><title>trial \(line.number) (\(line.state.rawValue))</title></path>"
        }
        return out + "</svg>"
    }

    private func rank(_ line: Line) -> Int { line.number == best ? 2 : line.state == .complete ? 1 : 0 }

    /// A coordinate in whole pixels (the plot's points are always inside it).
    private func format(_ v: Double) -> String { String(Int(v.rounded())) }

    private func label(_ v: Double) -> String { formatNumber(v) }
}
