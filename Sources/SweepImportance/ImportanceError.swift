import SweepCore

/// Why importances cannot be computed for a study.
public enum ImportanceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Fewer than two complete trials with a finite value.
    case tooFewTrials(usable: Int)
    /// The complete trials have no parameter in common (fANOVA) or none at all (PED-ANOVA).
    case noParameters
    /// Every tree of the forest predicts one value: the objective does not vary (fANOVA).
    case constantObjective

    public var description: String {
        switch self {
        case .tooFewTrials(let usable):
            return "importances need at least 2 complete trials with a finite value, got \(usable); run more trials first"
        case .noParameters:
            return "the complete trials have no parameter to assess (fANOVA assesses only parameters every complete trial has, with one distribution)"
        case .constantObjective:
            return "every complete trial has the same value, so no parameter explains any of it; fANOVA cannot assess importances"
        }
    }
}
