import SweepML

/// Why an active-learning run could not start. Every case says what was wrong and what was
/// expected.
public enum ActiveLearningError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A data file could not be read or used (names the file, line and field).
    case data(DatasetError)
    /// A data, model or strategy spec (`name:key=value,...`) is not usable.
    case badSpec(spec: String, reason: String)
    /// The options do not fit the data (more initial labels than points, a batch larger than
    /// the pool, ...).
    case invalidOptions(String)

    public var description: String {
        switch self {
        case .data(let error): return error.description
        case .badSpec(let spec, let reason): return "spec '\(spec)': \(reason)"
        case .invalidOptions(let message): return message
        }
    }
}
