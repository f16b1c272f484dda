import Foundation
import SweepCore

/// Trials as one CSV table that pandas reads in one line (`pandas.read_csv`): `number`, `state`,
/// `value`, `last_step`, `started`, `finished`, `duration`, `seed`, then `params_NAME` for every
/// parameter any trial has (Optuna's `trials_dataframe` names), sorted. Fields are quoted as RFC 4180
/// says; times are ISO 8601 in UTC; a missing value, NaN and the infinities are empty fields.
public enum TrialsCSV {
    public static func text(_ trials: [WireTrial]) -> String {
        let names = Set(trials.flatMap(\.params.keys)).sorted()
        var out = (["number", "state", "value", "last_step", "started", "finished", "duration", "seed"]
            + names.map { "params_\($0)" }).map(csvField).joined(separator: ",") + "\n"
        for t in trials {
            let cells: [String] = [
                String(t.number), t.state, number(t.value), t.lastStep.map(String.init) ?? "",
                t.started.map(Wire.time) ?? "", t.finished.map(Wire.time) ?? "", number(t.duration), String(t.seed),
            ] + names.map { name in t.params[name].map(paramText) ?? "" }
            out += cells.map(csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    private static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return "\(value)"
    }

    private static func paramText(_ value: ParamValue) -> String {
        if case .double(let d) = value { return number(d) }
        return value.description
    }
}
