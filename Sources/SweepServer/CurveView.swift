import Foundation
import Hummingbird
import SweepCore

/// How the study page draws its curves, from the query string: `metric=NAME` (nil: the
/// objective's), `scale=linear|log`, `smooth=K` (a trailing mean over K reports, 1 = none). Curves
/// are smoothed first, then put on the log scale (log10; a non-positive value is left out and
/// counted), then downsampled for drawing.
struct CurveView: Sendable, Equatable {
    var metric: String?
    var logScale = false
    var smooth = 1

    /// The widest smoothing window.
    static let maxSmooth = 1_000

    /// Reads the query; a bad scale or smoothing is a 400 naming what it takes. The metric is
    /// checked against the study's (`check(known:)`) once they are known.
    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        metric = query["metric"].map(String.init)
        switch query["scale"].map(String.init) {
        case nil, "linear": logScale = false
        case "log": logScale = true
        case let other?: throw ServerError(.badRequest, "query parameter scale must be linear or log; got '\(other)'")
        }
        smooth = try queryInt(request, "smooth", in: 1...Self.maxSmooth) ?? 1
    }

    init() {}

    /// A 400 naming the study's metrics when the chosen one is not among them.
    func check(known: [String]) throws {
        guard let metric, !known.contains(metric) else { return }
        let names = known.map { "'\($0)'" }.joined(separator: ", ")
        throw ServerError(.badRequest, "query parameter metric must be one of this study's metrics (\(names)); got '\(metric)'")
    }

    /// True when the plot shows something other than the objective's raw values.
    func isTransformed(objective: String) -> Bool { (metric ?? objective) != objective || logScale || smooth > 1 }

    /// A curve as the plot draws it: smoothed, then log10 when on the log scale (a non-positive
    /// value becomes NaN, which breaks the line, and is counted in `leftOut`).
    func transform(_ pairs: [(step: Int, value: Double)]) -> (points: [(step: Int, value: Double)], leftOut: Int) {
        var points = smooth > 1 ? Self.trailingMean(pairs, window: smooth) : pairs
        guard logScale else { return (points, 0) }
        var leftOut = 0
        for i in points.indices {
            let v = points[i].value
            if v.isNaN { continue }
            if v <= 0 {
                leftOut += 1
                points[i].value = .nan
            } else {
                points[i].value = v.isInfinite ? v : log10(v)
            }
        }
        return (points, leftOut)
    }

    /// Each report replaced by the mean of the finite values among it and the `window - 1` reports
    /// before it; a non-finite report stays as it is.
    static func trailingMean(_ pairs: [(step: Int, value: Double)], window: Int) -> [(step: Int, value: Double)] {
        var out = pairs
        var sum = 0.0, count = 0
        for i in pairs.indices {
            let v = pairs[i].value
            if v.isFinite { sum += v; count += 1 }
            if i >= window, pairs[i - window].value.isFinite { sum -= pairs[i - window].value; count -= 1 }
            if v.isFinite { out[i].value = count > 0 ? sum / Double(count) : v }
        }
        return out
    }

    /// The query items that say this view (none for the default one), for links that keep it.
    var items: [(key: String, value: String)] {
        var items: [(key: String, value: String)] = []
        if let metric { items.append(("metric", metric)) }
        if logScale { items.append(("scale", "log")) }
        if smooth > 1 { items.append(("smooth", String(smooth))) }
        return items
    }

    /// Hidden inputs carrying `items` through a form.
    static func hidden(_ items: [(key: String, value: String)]) -> String {
        items.map { "<input type=\"hidden\" name=\"\(escaped($0.key))\" value=\"\(escaped($0.value))\">" }.joined()
    }

    /// The form above the plot: the metric (a select of the study's metrics), the scale and the
    /// smoothing, sent back to the page as its query with the table's (`keeping`).
    func form(action: String, metrics: [String], keeping: [(key: String, value: String)] = []) -> String {
        let options = metrics.map { name in
            "<option value=\"\(escaped(name))\"\(name == metric ? " selected" : "")>\(escaped(name))</option>"
        }.joined()
        return "<form id=\"curve-view\" method=\"get\" action=\"\(action)\">\(Self.hidden(keeping))"
            + "<label>metric <select name=\"metric\">\(options)</select></label> "
            + "<label>scale <select name=\"scale\"><option value=\"linear\"\(logScale ? "" : " selected")>linear</option>"
            + "<option value=\"log\"\(logScale ? " selected" : "")>log</option></select></label> "
            + "<label>smoothing (reports) <input name=\"smooth\" type=\"number\" min=\"1\" max=\"\(Self.maxSmooth)\" value=\"\(smooth)\" size=\"5\"></label> "
            + "<button type=\"submit\">show</button></form>"
    }

    /// The plot's heading: what is drawn.
    var heading: String {
        var text = "\(escaped(metric ?? "")) by step"
        if smooth > 1 { text += ", mean of the last \(smooth) reports" }
        if logScale { text += ", log scale" }
        return text
    }
}
