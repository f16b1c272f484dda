import Foundation
import SweepCore

/// What the study page's parameter plots draw: the complete trials with a finite value (every
/// k-th by number when there are more than `cap`), each parameter's axis and the objective's.
struct ParamPlots {
    struct Point {
        var number: Int
        var params: [String: ParamValue]
        var value: Double
    }

    /// Parameters in the search space's order, then any others trials hold, by name.
    var names: [String]
    var axes: [String: ParamAxis]
    var objective: ParamAxis
    var objectiveName: String
    var direction: Direction
    var points: [Point]
    var best: Int?
    /// Complete trials with a finite value, drawn or not.
    var total: Int

    init(record: StudyRecord, trials: [Trial], best: Int?, cap: Int) {
        let complete = trials.filter { $0.state == .complete && ($0.value?.isFinite ?? false) }
        total = complete.count
        // Every k-th trial by number keeps the whole study's spread; the best is always drawn.
        let every = max(1, (complete.count + cap - 1) / cap)
        let kept = complete.enumerated().filter { $0.offset % every == 0 || $0.element.number == best }.map(\.element)
        points = kept.map { Point(number: $0.number, params: $0.params, value: $0.value ?? 0) }
        let space = record.config.space.names
        let others = Set(kept.flatMap(\.params.keys)).subtracting(space).sorted()
        names = space.filter { name in kept.contains { $0.params[name] != nil } } + others
        let distributions = record.config.space.distributions
        var axes: [String: ParamAxis] = [:]
        for name in names {
            let values = kept.compactMap { $0.params[name] }
            axes[name] = ParamAxis.of(distributions[name] ?? kept.lazy.compactMap { $0.distributions[name] }.first, values: values)
        }
        self.axes = axes
        objective = ParamAxis.of(nil, values: points.map { .double($0.value) })
        objectiveName = record.config.objective
        direction = record.config.direction
        self.best = best
    }

    /// How good a value is, from 0 (the worst drawn) to 1 (the best), whatever the direction.
    func goodness(_ value: Double) -> Double {
        let t = objective.position(value) ?? 0
        return direction == .minimize ? 1 - t : t
    }

    /// A blue from light (worst) to dark (best).
    static func colour(_ goodness: Double) -> String {
        let stops: [(Double, Double, Double)] = [(198, 219, 239), (66, 146, 198), (8, 48, 107)]
        let t = min(max(goodness, 0), 1) * Double(stops.count - 1)
        let i = min(Int(t), stops.count - 2), f = t - Double(i)
        let (a, b) = (stops[i], stops[i + 1])
        let channels = [a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f]
        // Two hex digits a channel (String(format:) costs more than the rest of a study page's plots).
        return "#" + channels.map { channel in
            let hex = String(min(max(Int(channel.rounded()), 0), 255), radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    /// A label cut to `characters` (an ellipsis marks the cut).
    static func fitted(_ label: String, _ characters: Int) -> String {
        label.count <= characters ? label : String(label.prefix(max(1, characters - 1))) + "…"
    }
}
