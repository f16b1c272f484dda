import SweepCore

/// One parameter against the objective: a dot per complete trial (parameter value on x, on a log
/// axis for a log-scaled parameter, evenly spaced categories for a categorical one), the best
/// trial in red. Categories spread their dots a little sideways so that equal values stay visible.
struct SlicePlot {
    var plots: ParamPlots
    var name: String
    var width = 430
    var height = 250

    static let margins = (left: 58.0, right: 14.0, top: 12.0, bottom: 30.0)

    func svg() -> String {
        let m = Self.margins
        let w = Double(width) - m.left - m.right, h = Double(height) - m.top - m.bottom
        guard let axis = plots.axes[name] else { return "" }
        let categorical: Bool
        let spacing: Double
        if case .categories(let names) = axis { (categorical, spacing) = (true, w / Double(max(names.count, 1))) } else { (categorical, spacing) = (false, 0) }
        // Numbers keep a little room at the ends, so dots on the range's edge are not cut by the frame.
        func x(_ t: Double) -> Double { m.left + w * (categorical ? t : Self.inset(t)) }
        func y(_ t: Double) -> Double { m.top + h * (1 - Self.inset(t)) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"slice\" data-param=\"\(escaped(name))\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\">"
        out += "<rect x=\"\(m.left)\" y=\"\(m.top)\" width=\"\(w)\" height=\"\(h)\" fill=\"none\" stroke=\"#ccc\"/>"
        for (t, label) in plots.objective.ticks() {
            out += "<line x1=\"\(m.left - 4)\" x2=\"\(m.left)\" y1=\"\(Self.px(y(t)))\" y2=\"\(Self.px(y(t)))\" stroke=\"#999\"/>"
            out += "<text class=\"y\" x=\"\(m.left - 6)\" y=\"\(Self.px(y(t)) + 4)\" font-size=\"11\" fill=\"#555\" text-anchor=\"end\">\(escaped(label))</text>"
        }
        let characters = categorical ? max(2, Int(spacing / 6.5)) : 12
        for (t, label) in axis.ticks() {
            out += "<line x1=\"\(Self.px(x(t)))\" x2=\"\(Self.px(x(t)))\" y1=\"\(m.top + h)\" y2=\"\(m.top + h + 4)\" stroke=\"#999\"/>"
            out += "<text class=\"x\" x=\"\(Self.px(x(t)))\" y=\"\(m.top + h + 16)\" font-size=\"11\" fill=\"#555\" text-anchor=\"middle\">"
                + "<title>\(escaped(label))</title>\(escaped(ParamPlots.fitted(label, characters)))</text>"
        }
        // The best last, on top.
        for point in plots.points.sorted(by: { ($0.number == plots.best ? 1 : 0) < ($1.number == plots.best ? 1 : 0) }) {
            guard let value = point.params[name], var tx = axis.position(value), let ty = plots.objective.position(point.value) else { continue }
            if categorical { tx += Self.jitter(point.number) * 0.35 * spacing / w }
            let isBest = point.number == plots.best
            out += "<circle data-trial=\"\(point.number)\" cx=\"\(Self.px(x(tx)))\" cy=\"\(Self.px(y(ty)))\" r=\"\(isBest ? 5 : 3.5)\" "
                + "fill=\"\(isBest ? "#c01c28" : "#1a5fb4")\" fill-opacity=\"\(isBest ? 1 : 0.55)\">"
                + "<title>trial \(point.number): \(escaped(name)) = \(escaped(value.description)), "
                + "\(escaped(plots.objectiveName)) = \(formatNumber(point.value, significantDigits: 6))</title></circle>"
        }
        return out + "</svg>"
    }

    /// A position moved off the ends: 0...1 onto 0.04...0.96.
    static func inset(_ t: Double) -> Double { 0.04 + 0.92 * t }

    /// A pixel coordinate to a tenth.
    static func px(_ v: Double) -> Double { (v * 10).rounded() / 10 }

    /// A spread in -0.5...0.5, the same for a trial every time.
    static func jitter(_ number: Int) -> Double {
        var random = SplitMix64(seed: UInt64(truncatingIfNeeded: number))
        return random.nextUnit() - 0.5
    }
}
