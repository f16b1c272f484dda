import SweepCore

/// Builds pruners from specs: `median`, `percentile:percentile=25`, `hyperband:reduction_factor=3`,
/// `patient:patience=3,wrapped=median:n_warmup_steps=5`.
///
/// Every pruner here takes Optuna 5's parameter names and defaults and makes Optuna's decisions:
/// given the same trials in the same order, the same trials are pruned at the same steps. Bad specs
/// throw `SweepError.invalidSpec` naming the parameter, what was expected and what was given.
public enum Pruners {
    /// The names of the pruners that are Optuna's (same names, defaults and decisions).
    public static let names = [
        "nop", "median", "percentile", "threshold", "patient", "successive_halving", "hyperband", "wilcoxon",
    ]
    /// The names of Sweep's own judges, which have no Optuna counterpart.
    public static let sweepNames = ["auto", "smoothed", "extrapolate"]
    /// Every name `make` knows.
    public static var allNames: [String] { names + sweepNames }

    /// The pruner a parsed spec names, with its parameters checked.
    public static func make(_ spec: Spec) throws(SweepError) -> any Pruner {
        switch spec.name {
        case "nop": return try NopPruner(spec: spec)
        case "median": return try MedianPruner(spec: spec)
        case "percentile": return try PercentilePruner(spec: spec)
        case "threshold": return try ThresholdPruner(spec: spec)
        case "patient": return try PatientPruner(spec: spec)
        case "successive_halving": return try SuccessiveHalvingPruner(spec: spec)
        case "hyperband": return try HyperbandPruner(spec: spec)
        case "wilcoxon": return try WilcoxonPruner(spec: spec)
        case "auto": return try AutoPruner(spec: spec)
        case "smoothed": return try SmoothedPruner(spec: spec)
        case "extrapolate": return try ExtrapolatePruner(spec: spec)
        default:
            throw .invalidSpec(
                spec: spec.text, reason: "unknown pruner '\(spec.name)'; expected one of: \(allNames.joined(separator: ", "))")
        }
    }

    /// Parses a spec string and builds its pruner.
    public static func make(parsing text: String) throws(SweepError) -> any Pruner {
        try make(Spec(parsing: text))
    }
}
