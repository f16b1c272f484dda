import Foundation
import SweepCore
import SweepCurves

/// All trials' curves of one metric overlaid in one SVG: complete trials drawn, running ones in
/// their own colour, pruned and failed ones dimmed, the best trial on top in a strong colour.
/// Values are scaled by `CurveScale` first, so curves near ±1e308 are drawn like any other; NaN
/// breaks a line.
///
/// The SVG says how it maps data to pixels (`data-first`, `data-last`, `data-low`, `data-high`,
/// `data-factor`, `data-pad`) and keeps its lines in one `<g class="lines">`, each path naming
/// its trial (`data-trial`) and state (`data-state`), so that the live script (`LiveScript`)
/// draws new points in the same coordinates and moves the group when the range grows.
struct CurvesPlot {
    struct Line {
        var number: Int
        var state: TrialState
        var points: [(step: Int, value: Double)]
    }

    var lines: [Line]
    var best: Int?
    /// A colour per trial (the compare page's): such a line is drawn in its colour, over the others.
    var colours: [Int: String] = [:]
    var width = 900
    var height = 360
    /// The SVG's id, which the live script looks for.
    var id = "curves"
    /// True when the values are log10 of the metric's (`CurveView`): the labels show the metric's.
    var logScale = false

    /// The margin around the plotted area, in pixels.
    static let pad = 36.0
    /// Shown while no trial has a point.
    static let emptyMessage = "No trial has reported this metric yet."

    /// The stroke of each kind of line (`kind(of:)`): one table for the server and the live script.
    static let styles: [String: [String: String]] = [
        "best": ["stroke": "#c01c28", "stroke-width": "2.5", "stroke-opacity": "1"],
        "complete": ["stroke": "#1a5fb4", "stroke-width": "1.5", "stroke-opacity": "0.55"],
        "running": ["stroke": "#e66100", "stroke-width": "1.5", "stroke-opacity": "0.8"],
        "dim": ["stroke": "#999", "stroke-width": "1.5", "stroke-opacity": "0.35"],
    ]

    /// Which style a trial's line takes: the best, complete, running, or dimmed (pruned, failed).
    static func kind(state: TrialState, isBest: Bool) -> String {
        isBest ? "best" : state == .complete ? "complete" : state == .running ? "running" : "dim"
    }

    /// A curve downsampled for drawing: about `points` points, its first, last, lowest and highest kept.
    static func downsampled(_ curve: MetricCurve, points: Int) -> [(step: Int, value: Double)] {
        let pairs = curve.sortedPairs
        return CurveDownsampling.keepingExtremes(steps: pairs.map(\.step), values: pairs.map(\.value), points: points)
    }

    func svg() -> String {
        let scale = CurveScale(lines.flatMap { $0.points.map(\.value) })
        let scaled = lines.map { line in (line, line.points.map { ($0.step, $0.value * scale.factor) }) }
        let values = scaled.flatMap { $0.1.map(\.1) }.filter(\.isFinite)
        let steps = scaled.flatMap { $0.1.map(\.0) }
        let empty = values.isEmpty || steps.isEmpty
        let low = values.min() ?? 0, high = values.max() ?? 1
        let first = steps.min() ?? 0, last = steps.max() ?? 1
        let pad = Self.pad
        let w = Double(width) - 2 * pad
        let h = Double(height) - 2 * pad
        let xSpan = Double(max(last - first, 1))
        let ySpan = high > low ? high - low : 1
        func x(_ step: Int) -> Double { pad + w * Double(step - first) / xSpan }
        func y(_ value: Double) -> Double { pad + h * (1 - (value - low) / ySpan) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(escaped(id))\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" data-pad=\"\(Int(pad))\" data-first=\"\(first)\" data-last=\"\(last)\" "
            + "data-low=\"\(low)\" data-high=\"\(high)\" data-factor=\"\(scale.factor)\" data-empty=\"\(empty)\">"
        let labels = empty ? ("", "", "") : (label(high / scale.factor), label(low / scale.factor), "steps \(first)–\(last)")
        out += "<text class=\"high\" x=\"\(pad)\" y=\"20\" font-size=\"12\" fill=\"#555\">\(escaped(labels.0))</text>"
        out += "<text class=\"low\" x=\"\(pad)\" y=\"\(height - 8)\" font-size=\"12\" fill=\"#555\">\(escaped(labels.1))</text>"
        out += "<text class=\"steps\" x=\"\(width - 120)\" y=\"\(height - 8)\" font-size=\"12\" fill=\"#555\">\(labels.2)</text>"
        if empty {
            out += "<text class=\"empty\" x=\"\(width / 2)\" y=\"\(height / 2)\" font-size=\"14\" fill=\"#777\" text-anchor=\"middle\">\(Self.emptyMessage)</text>"
        }
        out += "<g class=\"lines\">"
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
            var style = Self.styles[Self.kind(state: line.state, isBest: line.number == best)] ?? [:]
            if let colour = colours[line.number] { style = ["stroke": colour, "stroke-width": "2", "stroke-opacity": "0.9"] }
            let attributes = style.keys.sorted().map { "\($0)=\"\(style[$0] ?? "")\"" }.joined(separator: " ")
            out += "<path data-trial=\"\(line.number)\" data-state=\"\(line.state.rawValue)\" d=\"\(d)\" fill=\"none\" "
                + "stroke-linecap=\"round\" vector-effect=\"non-scaling-stroke\" \(attributes)>"
                + "<title>trial \(line.number) (\(line.state.rawValue))</title></path>"
        }
        return out + "</g></svg>"
    }

    private func rank(_ line: Line) -> Int {
        switch Self.kind(state: line.state, isBest: line.number == best) {
        case "best": return 3
        case "running": return 2
        case "complete": return 1
        default: return 0
        }
    }

    /// A coordinate in whole pixels (the plot's points are always inside it).
    private func format(_ v: Double) -> String { String(Int(v.rounded())) }

    private func label(_ v: Double) -> String { formatNumber(logScale ? pow(10, v) : v, significantDigits: 4) }
}
