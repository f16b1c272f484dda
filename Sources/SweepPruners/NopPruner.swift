import SweepCore

/// Never prunes (Optuna's `NopPruner`). Spec: `nop`, no parameters.
public struct NopPruner: Pruner, CustomStringConvertible {
    public init() {}

    /// Reads a `nop` spec; any parameter is an error.
    public init(spec: Spec) throws(SweepError) {
        _ = try PrunerParameters(spec, allowed: [])
    }

    public func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision { .keepGoing }

    /// False: it never looks at the study.
    public var readsStudy: Bool { false }

    public var description: String { "nop" }
}
