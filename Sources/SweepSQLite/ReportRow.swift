import GRDB
import SweepCore

/// A row of `report`: one metric's value at one step of one trial. `(trial_id, metric, step)` is
/// the table's key (it is stored in that order); a second report of the same step is ignored, so
/// the first value is kept.
struct ReportRow: FetchableRecord {
    static let columns = "trial_id, metric, step, value"

    var trialID: Int64
    var metric: String
    var step: Int
    var value: Double

    init(row: Row) throws {
        trialID = try row.decode(atIndex: 0)
        metric = try row.decode(atIndex: 1)
        step = try row.decode(atIndex: 2)
        value = try Columns.reportValue(row[3] as DatabaseValue)
    }

    /// Inserts a value unless the step was reported already; true when it was inserted.
    static func insert(_ db: Database, trial: Int64, metric: String, step: Int, value: Double) throws -> Bool {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO report (trial_id, metric, step, value) VALUES (?, ?, ?, ?)")
            .execute(arguments: [trial, metric, step, Columns.reportValue(value)])
        return db.changesCount > 0
    }

    /// One trial's curves, each in step order.
    static func curves(_ db: Database, trial: Int64) throws -> [String: MetricCurve] {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM report WHERE trial_id = ?")
        var curves: [String: MetricCurve] = [:]
        let cursor = try ReportRow.fetchCursor(statement, arguments: [trial])
        while let row = try cursor.next() {
            curves[row.metric, default: MetricCurve()].record(step: row.step, value: row.value)
        }
        return curves
    }

    /// The curves of several trials, by trial id. `trials` is SQL selecting trial ids, with
    /// `arguments` bound to it.
    static func curves(
        _ db: Database, trials: String, arguments: StatementArguments, selection: CurveSelection = .all
    ) throws -> [Int64: [String: MetricCurve]] {
        var sql = "SELECT \(columns) FROM report WHERE trial_id IN (\(trials))"
        var arguments = arguments
        switch selection {
        case .all:
            break
        case .only(let names):
            if names.isEmpty { return [:] }
            let sorted = names.sorted()
            sql += " AND metric IN (\(sorted.map { _ in "?" }.joined(separator: ", ")))"
            arguments += StatementArguments(sorted)
        case .lastOnly(let names):
            if names.isEmpty { return [:] }
            // Per trial and metric, one seek to the end of its (trial_id, metric, step) range.
            let json = try JSONColumn.encode(value: .array(names.sorted().map(JSONValue.string)))
            sql = """
                WITH n AS (SELECT value AS name FROM json_each(?))
                SELECT r.trial_id, r.metric, r.step, r.value FROM trial AS t CROSS JOIN n CROSS JOIN report AS r
                WHERE t.id IN (\(trials)) AND r.trial_id = t.id AND r.metric = n.name
                  AND r.step = (SELECT max(step) FROM report WHERE trial_id = t.id AND metric = n.name)
                """
            arguments = StatementArguments([json]) + arguments
        }
        let statement = try db.cachedStatement(sql: sql)
        var curves: [Int64: [String: MetricCurve]] = [:]
        let cursor = try ReportRow.fetchCursor(statement, arguments: arguments)
        while let row = try cursor.next() {
            curves[row.trialID, default: [:]][row.metric, default: MetricCurve()].record(step: row.step, value: row.value)
        }
        return curves
    }
}
