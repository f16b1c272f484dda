import Foundation
import PostgresNIO
import SweepCore

/// How rows are read, and how times go into columns.
///
/// A value that does not decode is a damaged or foreign database: the error names the table, the
/// column and what it holds, never traps.
enum Columns {
    /// Decodes a row's columns as the types given; `table` names the table in errors.
    static func decode<each T: PostgresDecodable>(
        _ row: PostgresRow, _ types: (repeat each T).Type, table: String
    ) throws -> (repeat each T) {
        do {
            return try row.decode(types)
        } catch let error as PostgresDecodingError {
            throw damaged(error, table: table)
        }
    }

    /// Decodes a one-column row; `column` (`table.column`) names it in errors.
    static func decode<T: PostgresDecodable>(_ row: PostgresRow, _ type: T.Type, _ column: String) throws -> T {
        do {
            return try row.decode(type)
        } catch let error as PostgresDecodingError {
            throw damaged(error, table: String(column.prefix { $0 != "." }))
        }
    }

    /// Decodes column `index` of a row; `column` (`table.column`) names it in errors.
    static func decode<T: PostgresDecodable>(
        _ row: PostgresRandomAccessRow, _ index: Int, _ type: T.Type, _ column: String
    ) throws -> T {
        do {
            return try row[index].decode(type)
        } catch let error as PostgresDecodingError {
            throw damaged(error, table: String(column.prefix { $0 != "." }))
        }
    }

    private static func damaged(_ error: PostgresDecodingError, table: String) -> SweepError {
        let held = error.postgresData.map { data in
            "\(error.postgresType) value \(String(decoding: data.readableBytesView.prefix(40), as: UTF8.self).debugDescription)"
        } ?? "NULL"
        return .corrupt("column \(table).\(error.columnName) holds \(held), which cannot be read as \(error.targetType)")
    }

    static func time(_ date: Date) -> Double { date.timeIntervalSince1970 }

    static func date(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds) }

    /// A date as it reads back from a column (what a `DOUBLE PRECISION` of seconds keeps).
    static func stored(_ date: Date) -> Date { Self.date(time(date)) }

    /// A trial state read from `trial.state`.
    static func state(_ text: String) throws -> TrialState {
        guard let state = TrialState(rawValue: text) else {
            throw SweepError.storage(
                "column trial.state holds '\(text)', expected one of waiting, running, complete, pruned, failed")
        }
        return state
    }
}
