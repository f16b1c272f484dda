import Foundation
import GRDB
import SweepCore

/// How numbers and times that SQLite cannot hold as they are go into columns.
///
/// SQLite turns a bound NaN into NULL, so a trial's value is written NULL when there is none and
/// as the text `'NaN'` when it is NaN; a report's value (always present) is NULL for NaN.
enum Columns {
    static let nanText = "NaN"

    static func trialValue(_ value: Double?) -> DatabaseValue {
        guard let value else { return .null }
        return value.isNaN ? nanText.databaseValue : value.databaseValue
    }

    static func trialValue(_ dbValue: DatabaseValue) throws -> Double? {
        switch dbValue.storage {
        case .null: return nil
        case .double(let d): return d
        case .int64(let i): return Double(i)
        case .string(nanText): return .nan
        default: throw SweepError.corrupt("column trial.value holds \(dbValue), expected a number, NULL or 'NaN'")
        }
    }

    static func reportValue(_ value: Double) -> DatabaseValue {
        value.isNaN ? .null : value.databaseValue
    }

    static func reportValue(_ dbValue: DatabaseValue) throws -> Double {
        switch dbValue.storage {
        case .null: return .nan
        case .double(let d): return d
        case .int64(let i): return Double(i)
        default: throw SweepError.corrupt("column report.value holds \(dbValue), expected a number or NULL")
        }
    }

    static func time(_ date: Date) -> Double { date.timeIntervalSince1970 }

    static func time(_ date: Date?) -> DatabaseValue { date.map { time($0).databaseValue } ?? .null }

    static func date(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds) }

    /// A date as it reads back from a column (rounded to what a `REAL` of seconds since 1970 keeps).
    static func stored(_ date: Date) -> Date { Self.date(time(date)) }
}
