import Foundation
import SweepCore

/// Trials' curves as one long CSV table (`sweep curves export --format csv`), one row per reported
/// value: `trial`, `state`, `step`, `metric`, `value`, then `params_NAME` for every parameter any
/// trial has (as `TrialsCSV` names them), sorted. Rows go by trial number, then metric name, then
/// step. pandas reads it in one line (`pandas.read_csv`); fields are quoted as RFC 4180 says; NaN
/// and the infinities are empty fields, as a missing parameter is.
public struct CurvesCSV: Sendable {
    /// The parameter columns, sorted.
    public let params: [String]
    /// The metrics whose curves are rows; nil: every metric.
    public let metrics: Set<String>?

    /// A table of `metrics` (nil: all) with a column for every parameter of `trials`.
    public init(trials: [Trial], metrics: Set<String>?) {
        params = Set(trials.flatMap(\.params.keys)).sorted()
        self.metrics = metrics
    }

    /// The header line.
    public var header: String {
        (["trial", "state", "step", "metric", "value"] + params.map { "params_\($0)" }).map(csvField).joined(separator: ",") + "\n"
    }

    /// A trial's rows.
    public func rows(_ trial: Trial) -> String {
        let tail = params.map { name in csvField(trial.params[name].map(Self.param) ?? "") }.joined(separator: ",")
        let head = "\(trial.number),\(trial.state.rawValue),"
        var out = ""
        for name in trial.metrics.keys.sorted() where metrics?.contains(name) ?? true {
            guard let curve = trial.metrics[name] else { continue }
            let metric = csvField(name)
            for (step, value) in curve.sortedPairs {
                out += head
                out += String(step)
                out += ","
                out += metric
                out += ","
                out += Self.number(value)
                if !params.isEmpty {
                    out += ","
                    out += tail
                }
                out += "\n"
            }
        }
        return out
    }

    /// The whole table.
    public func text(_ trials: [Trial]) -> String {
        var out = header
        for trial in trials { out += rows(trial) }
        return out
    }

    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : ""
    }

    static func param(_ value: ParamValue) -> String {
        if case .double(let d) = value { return number(d) }
        return value.description
    }
}
