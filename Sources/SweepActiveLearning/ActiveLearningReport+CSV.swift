import SweepSupport

/// The report as one long CSV table (`sweep al --format csv`): one row per run per round, with
/// the columns `strategy`, `run`, `round`, `labels`, `accuracy`, `loss`. Round 0 is the initial
/// fit; run r is the run that used stream r of the seed. The median and band of the JSON and
/// text are per-round statistics of these rows (`groupby("round")` median, min, max); the
/// strategy column lets tables of several strategies be concatenated and compared. Fields are
/// quoted as RFC 4180 says (a strategy spec may hold commas); NaN and the infinities are empty.
extension ActiveLearningReport {
    /// The header line's fields.
    public static let csvColumns = ["strategy", "run", "round", "labels", "accuracy", "loss"]

    /// The whole table, header first, every line ending in a newline.
    public var csv: String {
        let strategy = csvField(self.strategy)
        var out = Self.csvColumns.joined(separator: ",") + "\n"
        for (r, curve) in runs.enumerated() {
            for i in curve.labels.indices {
                out += "\(strategy),\(r),\(i),\(curve.labels[i]),\(Self.csvNumber(curve.accuracy[i])),\(Self.csvNumber(curve.loss[i]))\n"
            }
        }
        return out
    }

    static func csvNumber(_ value: Double) -> String {
        value.isFinite ? "\(value)" : ""
    }
}
