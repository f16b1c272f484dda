import Foundation
import SweepCore
import SweepCurves

/// A study's curves as a curve dataset (`sweep curves export --format jsonl`), the inverse of
/// `CurveImport`: what `sweep import curves` and `sweep replay` read.
///
/// One line per trial that reported any of the chosen metrics, in number order: `curve` is the
/// chosen metric's (the study's objective unless another is named), `metrics` the others with
/// `allMetrics`; `steps` are the steps any of them reported (left out when they are 0, 1, 2, ...),
/// and a metric that did not report at one of them is `null` there. `params` are the trial's
/// parameters; `direction` the study's. `id` is the trial's `source_id` attribute (the id an
/// imported line had) when every exported trial has a distinct one, else the trial's number;
/// `group` is its `group` attribute; `labels` are its `labels` attribute with its `trial` number
/// and `state` added (a label of that name already there is kept).
public enum CurveExport {
    /// The dataset's lines, in trial number order.
    public static func records(_ trials: [Trial], metric: String, allMetrics: Bool, direction: Direction) -> [CurveRecord] {
        records(
            trials, metric: metric, allMetrics: allMetrics, direction: direction,
            sourceIDs: usesSourceIDs(trials, metric: metric, allMetrics: allMetrics))
    }

    /// Whether every trial that becomes a line has a `source_id` attribute, and no two the same
    /// (then they are the lines' ids).
    public static func usesSourceIDs(_ trials: [Trial], metric: String, allMetrics: Bool) -> Bool {
        let ids = exported(trials, metric: metric, allMetrics: allMetrics).map(sourceID)
        return ids.allSatisfy { $0 != nil } && Set(ids).count == ids.count
    }

    /// The lines of some of a study's trials (a chunk of a long export), with ids as
    /// `usesSourceIDs` said for all of them.
    public static func records(
        _ trials: [Trial], metric: String, allMetrics: Bool, direction: Direction, sourceIDs: Bool
    ) -> [CurveRecord] {
        exported(trials, metric: metric, allMetrics: allMetrics).map { trial in
            let others = allMetrics ? trial.metrics.keys.filter { $0 != metric && !(trial.metrics[$0]?.isEmpty ?? true) } : []
            let main = trial.curve(metric)
            let steps = Set(main.steps).union(others.flatMap { trial.curve($0).steps }).sorted()
            var labels: [String: CurveJSON] = [:]
            if case .object(let own)? = trial.userAttributes["labels"] { labels = own.mapValues(curveJSON) }
            if labels["trial"] == nil { labels["trial"] = .number(Double(trial.number)) }
            if labels["state"] == nil { labels["state"] = .string(trial.state.rawValue) }
            var group: String?
            if case .string(let g)? = trial.userAttributes["group"] { group = g }
            return CurveRecord(
                id: sourceIDs ? sourceID(trial) ?? String(trial.number) : String(trial.number),
                params: trial.params.mapValues(JudgeBrief.json),
                curve: values(main, at: steps), steps: steps.elementsEqual(steps.indices) ? nil : steps,
                direction: direction.rawValue,
                metrics: Dictionary(uniqueKeysWithValues: others.map { ($0, values(trial.curve($0), at: steps)) }),
                labels: labels, group: group)
        }
    }

    /// The trials that reported any of the chosen metrics.
    private static func exported(_ trials: [Trial], metric: String, allMetrics: Bool) -> [Trial] {
        trials.filter { trial in trial.metrics.contains { (allMetrics || $0.key == metric) && !$0.value.isEmpty } }
    }

    private static func sourceID(_ trial: Trial) -> String? {
        if case .string(let s)? = trial.userAttributes["source_id"] { return s }
        return nil
    }

    /// The curve's value at each step, NaN where it did not report.
    static func values(_ curve: MetricCurve, at steps: [Int]) -> [Double] {
        if curve.steps == steps { return curve.values }
        return steps.map { curve.value(at: $0) ?? .nan }
    }

    /// A stored JSON value as a dataset holds it.
    static func curveJSON(_ value: JSONValue) -> CurveJSON {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let d): return .number(d)
        case .string(let s): return .string(s)
        case .array(let a): return .array(a.map(curveJSON))
        case .object(let o): return .object(o.mapValues(curveJSON))
        }
    }
}
