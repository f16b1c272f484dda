import GRDB
import SweepCore

/// One column value of a row read from a file another program wrote: each accessor checks the
/// type and throws `SweepError.corrupt` naming the table and column, never traps.
struct Cell {
    var table: String
    var column: String
    var value: DatabaseValue

    private func damaged(_ expected: String) -> SweepError {
        .corrupt("column \(table).\(column) holds \(shown), expected \(expected)")
    }

    /// The value as a message shows it: NULL, a number, 'text' (cut at 60 characters), a blob.
    private var shown: String {
        switch value.storage {
        case .null: return "NULL"
        case .int64(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return "'\(s.count > 60 ? s.prefix(60) + "..." : s)'"
        case .blob(let data): return "a blob of \(data.count) bytes"
        }
    }

    func int() throws(SweepError) -> Int {
        switch value.storage {
        case .int64(let i):
            guard let v = Int(exactly: i) else { throw damaged("an integer") }
            return v
        case .double(let d):
            guard let v = Int(exactly: d) else { throw damaged("an integer") }
            return v
        default: throw damaged("an integer")
        }
    }

    func double() throws(SweepError) -> Double {
        switch value.storage {
        case .int64(let i): return Double(i)
        case .double(let d): return d
        default: throw damaged("a number")
        }
    }

    func optionalDouble() throws(SweepError) -> Double? {
        value.isNull ? nil : try double()
    }

    func string() throws(SweepError) -> String {
        guard case .string(let s) = value.storage else { throw damaged("text") }
        return s
    }

    func optionalString() throws(SweepError) -> String? {
        value.isNull ? nil : try string()
    }

    /// Text that is JSON as Python writes it.
    func json() throws(SweepError) -> PythonJSON {
        let text = try string()
        do { return try PythonJSON(parsing: text) } catch { throw damaged("JSON (\(error))") }
    }
}
