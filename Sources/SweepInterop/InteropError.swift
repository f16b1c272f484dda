/// A problem inside one Optuna value (a distribution, an attribute), before the caller says
/// which study, trial and column it came from (as a `SweepError`).
public enum InteropError: Error, Sendable, Hashable, CustomStringConvertible {
    case message(String)

    public var description: String {
        switch self {
        case .message(let text): return text
        }
    }
}
