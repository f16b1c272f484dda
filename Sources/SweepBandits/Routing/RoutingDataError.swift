import SweepML

/// Why data routing could not run: its data file could not be used (a `DatasetError` naming the
/// file, line and column), or the options do not fit the data.
public enum RoutingDataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The CSV file could not be read or used.
    case data(DatasetError)
    /// The options do not fit the data (for example more held-out samples than rows).
    case invalidOptions(String)

    public var description: String {
        switch self {
        case .data(let error):
            return error.description
        case .invalidOptions(let message):
            return "routing options: \(message)"
        }
    }
}
