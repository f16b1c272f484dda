/// Why a labelled dataset could not be read. Every case names the file, and where it applies the
/// line and column (both 1-based), and says what was expected.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// The file has no data rows.
    case empty(file: String)
    /// A row has a different number of fields than the first row.
    case fieldCount(file: String, line: Int, expected: Int, got: Int)
    /// A quoted field is never closed (the text holds an odd number of `"`); `line` is where the
    /// row that took in the rest of the file starts.
    case unclosedQuote(file: String, line: Int)
    /// A feature field is not a finite number.
    case notANumber(file: String, line: Int, column: Int, value: String)
    /// The label column is outside the rows.
    case labelColumn(file: String, column: Int, columns: Int)
    /// Fewer than two classes, or no feature columns.
    case unusable(file: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read the file: \(reason)"
        case .empty(let file):
            return "\(file): no data rows; expected comma-separated rows of numbers with a label column"
        case .fieldCount(let file, let line, let expected, let got):
            return "\(file):\(line): expected \(expected) fields like the first row, got \(got)"
        case .unclosedQuote(let file, let line):
            return "\(file):\(line): a quoted field in this row is never closed, so it runs to the end of the file; expected a closing '\"' (a quote inside a quoted field is written '\"\"')"
        case .notANumber(let file, let line, let column, let value):
            return "\(file):\(line): column \(column): expected a number, got '\(value)'"
        case .labelColumn(let file, let column, let columns):
            return "\(file): label column \(column) is outside the \(columns) columns"
        case .unusable(let file, let reason):
            return "\(file): \(reason)"
        }
    }
}
