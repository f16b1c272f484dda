/// Whether a study looks for the largest or the smallest objective value.
public enum Direction: String, Sendable, Codable, CaseIterable, Hashable {
    case maximize
    case minimize

    /// True when `a` is strictly better than `b` in this direction. NaN is never better.
    @inlinable
    public func isBetter(_ a: Double, than b: Double) -> Bool {
        switch self {
        case .maximize: return a > b
        case .minimize: return a < b
        }
    }

    /// Parses `maximize`/`minimize` (also `max`/`min`), naming what was expected otherwise.
    public init(parsing text: String) throws(SweepError) {
        switch text.lowercased() {
        case "maximize", "max": self = .maximize
        case "minimize", "min": self = .minimize
        default: throw SweepError.invalidArgument("direction must be 'maximize' or 'minimize', got '\(text)'")
        }
    }
}
