import GRDB
import GRDBSQLite

/// Reports inserted many rows per statement (`INSERT OR IGNORE INTO report ... VALUES (…), (…)`),
/// for bulk loads: SQLite's cost per statement is paid once per `rowsPerStatement` rows, and the
/// values are bound through SQLite's C API as they are, not boxed as GRDB arguments.
struct ReportBatch {
    /// Rows per full statement (4 parameters each, well under SQLite's limit of 32,766).
    static let rowsPerStatement = 128

    private var trials: [Int64] = []
    private var metrics: [String] = []
    private var steps: [Int] = []
    private var values: [Double] = []

    init() {
        trials.reserveCapacity(Self.rowsPerStatement)
        metrics.reserveCapacity(Self.rowsPerStatement)
        steps.reserveCapacity(Self.rowsPerStatement)
        values.reserveCapacity(Self.rowsPerStatement)
    }

    /// Adds a row; runs the statement when it is full.
    mutating func add(_ db: Database, trial: Int64, metric: String, step: Int, value: Double) throws {
        trials.append(trial)
        metrics.append(metric)
        steps.append(step)
        values.append(value)
        if trials.count == Self.rowsPerStatement { try flush(db) }
    }

    /// Inserts the rows added since the last statement.
    mutating func flush(_ db: Database) throws {
        let rows = trials.count
        guard rows > 0 else { return }
        let statement = try db.cachedStatement(sql: rows == Self.rowsPerStatement ? Self.fullSQL : Self.sql(rows: rows))
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        for row in 0..<rows {
            let first = Int32(row * 4)
            sqlite3_bind_int64(handle, first + 1, trials[row])
            _ = metrics[row].withCString { sqlite3_bind_text(handle, first + 2, $0, -1, Self.transient) }
            sqlite3_bind_int64(handle, first + 3, Int64(steps[row]))
            // NaN is stored as NULL (`Columns.reportValue`).
            if values[row].isNaN { sqlite3_bind_null(handle, first + 4) } else { sqlite3_bind_double(handle, first + 4, values[row]) }
        }
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        trials.removeAll(keepingCapacity: true)
        metrics.removeAll(keepingCapacity: true)
        steps.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    /// SQLite copies the text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static let fullSQL = sql(rows: rowsPerStatement)

    private static func sql(rows: Int) -> String {
        "INSERT OR IGNORE INTO report (trial_id, metric, step, value) VALUES "
            + repeatElement("(?, ?, ?, ?)", count: rows).joined(separator: ", ")
    }
}
