import SweepCore

/// Parallel coordinates: a vertical axis per parameter and one for the objective, a line per
/// complete trial through its values, coloured by how good its value is (dark is better; the best
/// in red, on top). A trial without a parameter leaves a gap on that axis.
struct ParallelPlot {
    var plots: ParamPlots
    var width = 900
    var height = 340

    static let margins = (left: 30.0, right: 80.0, top: 34.0, bottom: 16.0)

    func svg() -> String {
        let m = Self.margins
        let axes = plots.names.compactMap { name in plots.axes[name].map { (name, $0) } } + [(plots.objectiveName, plots.objective)]
        let w = Double(width) - m.left - m.right, h = Double(height) - m.top - m.bottom
        let spacing = w / Double(max(axes.count - 1, 1))
        func x(_ i: Int) -> Double { m.left + spacing * Double(i) }
        func y(_ t: Double) -> Double { m.top + h * (1 - t) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"parallel\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\">"
        out += "<g class=\"lines\" fill=\"none\" stroke-linejoin=\"round\">"
        let ordered = plots.points.sorted { (rank($0), $0.number) < (rank($1), $1.number) }
        for point in ordered {
            var d = ""
            var pen = false
            for (i, (name, axis)) in axes.enumerated() {
                let t = i == axes.count - 1 ? axis.position(point.value) : point.params[name].flatMap(axis.position)
                guard let t else {
                    pen = false
                    continue
                }
                d += (pen ? "L" : "M") + "\(SlicePlot.px(x(i))) \(SlicePlot.px(y(t)))"
                pen = true
            }
            let isBest = point.number == plots.best
            let colour = isBest ? "#c01c28" : ParamPlots.colour(plots.goodness(point.value))
            out += "<path data-trial=\"\(point.number)\" d=\"\(d)\" stroke=\"\(colour)\" stroke-width=\"\(isBest ? 2.5 : 1.2)\" stroke-opacity=\"\(isBest ? 1 : 0.75)\">"
                + "<title>trial \(point.number): \(escaped(plots.objectiveName)) = \(formatNumber(point.value, significantDigits: 6))</title></path>"
        }
        out += "</g>"
        let characters = max(4, Int(spacing / 7) - 1)
        for (i, (name, axis)) in axes.enumerated() {
            let title = name + (axis.kind.isEmpty ? "" : " (\(axis.kind))")
            out += "<line x1=\"\(x(i))\" x2=\"\(x(i))\" y1=\"\(m.top)\" y2=\"\(m.top + h)\" stroke=\"#555\"/>"
            out += "<text class=\"axis\" x=\"\(x(i))\" y=\"16\" font-size=\"12\" font-weight=\"\(i == axes.count - 1 ? "bold" : "normal")\" fill=\"#222\" "
                + "text-anchor=\"\(i == 0 ? "start" : i == axes.count - 1 ? "end" : "middle")\"><title>\(escaped(title))</title>\(escaped(ParamPlots.fitted(title, characters)))</text>"
            for (t, label) in axis.ticks(count: 4) {
                out += "<text class=\"tick\" x=\"\(x(i) + 4)\" y=\"\(SlicePlot.px(y(t)) + 4)\" font-size=\"11\" fill=\"#333\" "
                    + "stroke=\"#fafafa\" stroke-width=\"3\" paint-order=\"stroke\">\(escaped(ParamPlots.fitted(label, characters)))</text>"
            }
        }
        return out + "</svg>"
    }

    /// Worse lines first, the best last.
    private func rank(_ point: ParamPlots.Point) -> Double {
        point.number == plots.best ? 2 : plots.goodness(point.value)
    }
}
