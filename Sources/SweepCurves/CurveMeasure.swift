/// The name of one measure of ``CurveMeasures``, to rank curves by.
///
/// Parse one from its name or an alias: `final`; `best` (`max`, `maximum`, `peak`); `min`
/// (`minimum`); `auc` (`area`); `rate` (`speed`); `onset`; `inflection`; `plateau`; `stop`;
/// `noise`.
public enum CurveMeasure: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case final
    /// The best value in the curve's direction (the maximum when maximizing).
    case best
    /// The smallest value, whatever the direction.
    case minimum
    case auc
    case rate
    case onset
    case inflection
    case plateau
    case stop
    case noise

    /// Parses a measure name or alias (case-insensitive); nil when it is neither.
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "final", "last": self = .final
        case "best", "max", "maximum", "peak": self = .best
        case "min", "minimum": self = .minimum
        case "auc", "area": self = .auc
        case "rate", "speed": self = .rate
        case "onset", "start": self = .onset
        case "inflection": self = .inflection
        case "plateau": self = .plateau
        case "stop", "early-stop": self = .stop
        case "noise": self = .noise
        default: return nil
        }
    }

    /// All names that parse, for help and error messages.
    public static let names = "final, best (max), min, auc, rate, onset, inflection, plateau, stop, noise"

    public var description: String { rawValue }

    /// This measure's value in `m`, nil when it is undefined (NaN or no step).
    public func value(in m: CurveMeasures) -> Double? {
        let v: Double?
        switch self {
        case .final: v = m.final
        case .best: v = m.best
        case .minimum: v = m.minimum
        case .auc: v = m.area
        case .rate: v = m.rate
        case .onset: v = m.onsetStep.map(Double.init)
        case .inflection: v = m.inflectionStep.map(Double.init)
        case .plateau: v = m.plateauStep.map(Double.init)
        case .stop: v = m.stopStep.map(Double.init)
        case .noise: v = m.noise
        }
        return v.flatMap { $0.isFinite ? $0 : nil }
    }

    /// Whether `a` ranks before `b` for this measure in `direction`. Value measures (final, best,
    /// auc) follow the direction; rate is better higher; steps (onset, inflection, plateau, stop)
    /// and noise are better lower; minimum is better lower when minimizing and higher otherwise.
    public func ranksBefore(_ a: Double, _ b: Double, direction: CurveDirection) -> Bool {
        switch self {
        case .final, .best, .auc, .minimum: return direction.isBetter(a, than: b)
        case .rate: return a > b
        case .onset, .inflection, .plateau, .stop, .noise: return a < b
        }
    }
}
