import SweepCore
import SweepCurves

/// The best complete value so far against trial number (trial number order, not finish order):
/// a step line that moves at each trial that improved on every complete trial numbered before it,
/// a dot at each such trial (its title names it) while there are at most `maxDots`. Drawn from the trials' values alone; NaN and
/// infinite values are left out.
struct BestSoFarPlot {
    var trials: [Trial]
    var direction: Direction
    var width = 900
    var height = 200

    /// The most improvements drawn as dots.
    static let maxDots = 300

    /// The trials that improved on all before them, by number, with their values.
    var improvements: [(number: Int, value: Double)] {
        let complete = trials.compactMap { trial -> (number: Int, value: Double)? in
            guard trial.state == .complete, let value = trial.value, value.isFinite else { return nil }
            return (trial.number, value)
        }.sorted { $0.number < $1.number }
        var out: [(number: Int, value: Double)] = []
        for trial in complete where out.last.map({ direction.isBetter(trial.value, than: $0.value) }) ?? true { out.append(trial) }
        return out
    }

    func svg() -> String {
        let steps = improvements
        let pad = CurvesPlot.pad
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"best-so-far\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\">"
        guard let first = steps.first, let last = steps.last else {
            return out + "<text x=\"\(width / 2)\" y=\"\(height / 2)\" font-size=\"14\" fill=\"#777\" text-anchor=\"middle\">No trial has completed with a value yet.</text></svg>"
        }
        let scale = CurveScale(steps.map(\.value))
        let end = max(trials.map(\.number).max() ?? last.number, last.number)
        let values = steps.map { $0.value * scale.factor }
        let low = values.min() ?? 0, high = values.max() ?? 1
        let w = Double(width) - 2 * pad, h = Double(height) - 2 * pad
        let xSpan = Double(max(end - first.number, 1)), ySpan = high > low ? high - low : 1
        func x(_ n: Int) -> Int { Int((pad + w * Double(n - first.number) / xSpan).rounded()) }
        func y(_ v: Double) -> Int { Int((pad + h * (1 - (v - low) / ySpan)).rounded()) }
        var d = "M\(x(first.number)) \(y(values[0]))"
        for i in steps.indices.dropFirst() { d += "H\(x(steps[i].number))V\(y(values[i]))" }
        d += "H\(x(end))"
        let label = { (v: Double) in escaped(formatNumber(v / scale.factor, significantDigits: 4)) }
        out += "<text x=\"\(pad)\" y=\"20\" font-size=\"12\" fill=\"#555\">\(label(high))</text>"
        out += "<text x=\"\(pad)\" y=\"\(height - 8)\" font-size=\"12\" fill=\"#555\">\(label(low))</text>"
        out += "<text x=\"\(width - 160)\" y=\"\(height - 8)\" font-size=\"12\" fill=\"#555\">trials \(first.number)–\(end)</text>"
        out += "<path d=\"\(d)\" fill=\"none\" stroke=\"#c01c28\" stroke-width=\"2\"/>"
        for (i, step) in steps.enumerated() where steps.count <= Self.maxDots {
            out += "<circle data-trial=\"\(step.number)\" cx=\"\(x(step.number))\" cy=\"\(y(values[i]))\" r=\"3\" fill=\"#c01c28\">"
                + "<title>trial \(step.number): \(escaped(formatNumber(step.value, significantDigits: 6)))</title></circle>"
        }
        return out + "</svg>"
    }
}
