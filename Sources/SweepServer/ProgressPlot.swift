import Foundation
import SweepCore

/// A study's progress: how many trials had finished complete, pruned and failed by each moment,
/// against the wall-clock time they finished (cumulative counts, one step line per state, counted
/// in `bins` equal spans of time), and how many run now. Drawn from the trials' states and finish
/// times alone.
struct ProgressPlot {
    var trials: [Trial]
    var width = 900
    var height = 200
    /// How many spans of time the counts are taken at.
    var bins = 200

    /// The states drawn, with their colours (those of the curves plot).
    static let states: [(TrialState, String)] = [(.complete, "#1a5fb4"), (.pruned, "#999"), (.failed, "#a51d2d")]

    func svg() -> String {
        let finished = trials.compactMap { trial -> (state: TrialState, time: Double)? in
            guard trial.state.isFinished, let time = trial.finished else { return nil }
            return (trial.state, time.timeIntervalSince1970)
        }
        let running = trials.lazy.filter { $0.state == .running }.count
        let pad = CurvesPlot.pad
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"progress\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" data-running=\"\(running)\">"
        let legend = Self.states.map { state, colour in
            "<tspan fill=\"\(colour)\">\(finished.lazy.filter { $0.state == state }.count) \(state.rawValue)</tspan>"
        }.joined(separator: " · ")
        out += "<text class=\"legend\" x=\"\(width - 16)\" y=\"20\" font-size=\"12\" fill=\"#555\" text-anchor=\"end\">\(legend) · "
            + "<tspan fill=\"#e66100\">\(running) running now</tspan></text>"
        guard let start = finished.map(\.time).min(), let end = finished.map(\.time).max() else {
            return out + "<text x=\"\(width / 2)\" y=\"\(height / 2)\" font-size=\"14\" fill=\"#777\" text-anchor=\"middle\">No trial has finished yet.</text></svg>"
        }
        // Counts per state per span of time, then summed up.
        let span = max(end - start, 1e-9)
        var counts = Dictionary(uniqueKeysWithValues: Self.states.map { ($0.0, [Int](repeating: 0, count: bins)) })
        for trial in finished {
            let bin = min(Int(Double(bins) * (trial.time - start) / span), bins - 1)
            counts[trial.state]?[bin] += 1
        }
        let top = max(Self.states.map { state, _ in counts[state]?.reduce(0, +) ?? 0 }.max() ?? 1, 1)
        let w = Double(width) - 2 * pad, h = Double(height) - 2 * pad
        func x(_ bin: Int) -> Int { Int((pad + w * Double(bin) / Double(bins)).rounded()) }
        func y(_ count: Int) -> Int { Int((pad + h * (1 - Double(count) / Double(top))).rounded()) }
        out += "<text x=\"\(pad)\" y=\"20\" font-size=\"12\" fill=\"#555\">\(top) trials</text>"
        out += "<text x=\"\(pad)\" y=\"\(height - 8)\" font-size=\"12\" fill=\"#555\">\(Pages.logTime(Date(timeIntervalSince1970: start)))</text>"
        out += "<text x=\"\(width - 16)\" y=\"\(height - 8)\" font-size=\"12\" fill=\"#555\" text-anchor=\"end\">\(Pages.logTime(Date(timeIntervalSince1970: end))) (finish times)</text>"
        for (state, colour) in Self.states {
            guard let perBin = counts[state], perBin.contains(where: { $0 > 0 }) else { continue }
            var total = 0
            var d = "M\(x(0)) \(y(0))"
            for (bin, count) in perBin.enumerated() where count > 0 {
                total += count
                d += "H\(x(bin))V\(y(total))"
            }
            d += "H\(x(bins))"
            out += "<path data-state=\"\(state.rawValue)\" d=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\">"
                + "<title>\(total) \(state.rawValue)</title></path>"
        }
        return out + "</svg>"
    }
}
