import Foundation
import GRDB
import SweepCore

/// Where `StudyRows` runs its queries: an Optuna SQLite file through GRDB, or a PostgreSQL
/// database (`OptunaPostgresReader`, which runs `StudyRows.statements` first).
protocol OptunaRowSource {
    /// The SQL text of an enum or time column (PostgreSQL's need a cast to text).
    var dialect: OptunaDialect { get }
    /// Calls `each` with every row of `sql` (each `?` bound to the study's id), as column values.
    func forEachRow(_ sql: String, study: Int, _ each: ([DatabaseValue]) throws -> Void) throws
}

/// SQLite's and PostgreSQL's differences in the reader's queries.
enum OptunaDialect: Sendable {
    case sqlite
    case postgres

    /// A column Optuna declares as an enum or a `DATETIME`, read as text.
    func text(_ column: String) -> String {
        self == .postgres ? "\(column)::text" : column
    }
}

/// An Optuna SQLite file's rows, read by GRDB one at a time.
struct SQLiteRows: OptunaRowSource {
    var db: Database
    var dialect: OptunaDialect { .sqlite }

    func forEachRow(_ sql: String, study: Int, _ each: ([DatabaseValue]) throws -> Void) throws {
        let count = sql.filter { $0 == "?" }.count
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(Array(repeating: study, count: count)))
        while let row = try cursor.next() { try each(Array(row.databaseValues)) }
    }
}

/// Reads one study's rows out of an Optuna database: a query per table, grouped by trial.
struct StudyRows {
    var source: any OptunaRowSource
    var study: Int
    var name: String
    var time: OptunaTime

    /// Every statement `read` runs, in `dialect`: what a source that fetches ahead must answer.
    static func statements(_ dialect: OptunaDialect) -> [String] {
        let ofStudy = "trial_id IN (SELECT trial_id FROM trials WHERE study_id = ?)"
        let t = dialect.text
        return [
            "SELECT \(t("direction")) FROM study_directions WHERE study_id = ? ORDER BY objective",
            "SELECT study_id, key, value_json FROM study_user_attributes WHERE study_id = ?",
            "SELECT study_id, key, value_json FROM study_system_attributes WHERE study_id = ?",
            "SELECT trial_id, key, value_json FROM trial_user_attributes WHERE \(ofStudy)",
            "SELECT trial_id, key, value_json FROM trial_system_attributes WHERE \(ofStudy)",
            "SELECT trial_id, param_name, param_value, distribution_json FROM trial_params WHERE \(ofStudy)",
            "SELECT trial_id, objective, value, \(t("value_type")) FROM trial_values WHERE \(ofStudy)",
            "SELECT trial_id, step, intermediate_value, \(t("intermediate_value_type")) FROM trial_intermediate_values WHERE \(ofStudy)",
            "SELECT trial_id, number, \(t("state")), \(t("datetime_start")), \(t("datetime_complete")) FROM trials "
                + "WHERE study_id = ? ORDER BY number, trial_id",
        ]
    }

    func read() throws -> OptunaStudy {
        let sql = Self.statements(source.dialect)
        var result = OptunaStudy(name: name, directions: try directions(sql[0]))
        result.userAttributes = try attributes(sql[1], "study_user_attributes", owner: "study_id").values.first ?? [:]
        result.systemAttributes = try attributes(sql[2], "study_system_attributes", owner: "study_id").values.first ?? [:]
        let user = try attributes(sql[3], "trial_user_attributes", owner: "trial_id")
        let system = try attributes(sql[4], "trial_system_attributes", owner: "trial_id")
        let params = try self.params(sql[5])
        let values = try self.values(sql[6])
        let intermediate = try self.intermediate(sql[7])
        try rows(sql[8]) { row in
            let id = try cell(row, 0, "trials", "trial_id").int()
            result.trials.append(
                OptunaTrial(
                    number: try cell(row, 1, "trials", "number").int(), state: try cell(row, 2, "trials", "state").string(),
                    started: try date(row, 3, "datetime_start"), completed: try date(row, 4, "datetime_complete"),
                    params: params[id] ?? [:], values: values[id] ?? [:], intermediate: intermediate[id] ?? [:],
                    userAttributes: user[id] ?? [:], systemAttributes: system[id] ?? [:]))
        }
        return result
    }

    /// Calls `each` with every row of a query bound to the study's id.
    private func rows(_ sql: String, _ each: ([DatabaseValue]) throws -> Void) throws {
        try source.forEachRow(sql, study: study, each)
    }

    private func cell(_ row: [DatabaseValue], _ index: Int, _ table: String, _ column: String) -> Cell {
        Cell(table: table, column: column, value: index < row.count ? row[index] : .null)
    }

    private func directions(_ sql: String) throws -> [String] {
        var result: [String] = []
        try rows(sql) { result.append(try cell($0, 0, "study_directions", "direction").string()) }
        return result
    }

    private func date(_ row: [DatabaseValue], _ index: Int, _ column: String) throws -> Date? {
        guard let text = try cell(row, index, "trials", column).optionalString() else { return nil }
        guard let date = time.date(text) else {
            throw SweepError.corrupt("column trials.\(column) holds '\(text)', expected a time as YYYY-MM-DD HH:MM:SS.ffffff")
        }
        return date
    }

    /// Attribute rows by owner id.
    private func attributes(_ sql: String, _ table: String, owner: String) throws -> [Int: [String: PythonJSON]] {
        var result: [Int: [String: PythonJSON]] = [:]
        try rows(sql) { row in
            let id = try cell(row, 0, table, owner).int()
            let key = try cell(row, 1, table, "key").string()
            result[id, default: [:]][key] = try cell(row, 2, table, "value_json").json()
        }
        return result
    }

    private func params(_ sql: String) throws -> [Int: [String: OptunaParam]] {
        var result: [Int: [String: OptunaParam]] = [:]
        try rows(sql) { row in
            let id = try cell(row, 0, "trial_params", "trial_id").int()
            result[id, default: [:]][try cell(row, 1, "trial_params", "param_name").string()] = OptunaParam(
                internalValue: try cell(row, 2, "trial_params", "param_value").double(),
                distributionJSON: try cell(row, 3, "trial_params", "distribution_json").string())
        }
        return result
    }

    private func values(_ sql: String) throws -> [Int: [Int: Double]] {
        var result: [Int: [Int: Double]] = [:]
        try rows(sql) { row in
            let id = try cell(row, 0, "trial_values", "trial_id").int()
            let value = try Self.number(
                cell(row, 2, "trial_values", "value"), type: try cell(row, 3, "trial_values", "value_type").string(), allowsNaN: false)
            result[id, default: [:]][try cell(row, 1, "trial_values", "objective").int()] = value
        }
        return result
    }

    private func intermediate(_ sql: String) throws -> [Int: [Int: Double]] {
        var result: [Int: [Int: Double]] = [:]
        let table = "trial_intermediate_values"
        try rows(sql) { row in
            let id = try cell(row, 0, table, "trial_id").int()
            let value = try Self.number(
                cell(row, 2, table, "intermediate_value"), type: try cell(row, 3, table, "intermediate_value_type").string(), allowsNaN: true)
            result[id, default: [:]][try cell(row, 1, table, "step").int()] = value
        }
        return result
    }

    /// A value and its type column (`FINITE`, `INF_POS`, `INF_NEG`, and for intermediate values
    /// `NAN`), as Optuna's `stored_repr_to_value` reads them.
    static func number(_ value: Cell, type: String, allowsNaN: Bool) throws(SweepError) -> Double {
        switch type {
        case "FINITE":
            let v = try value.double()
            guard v.isFinite else { throw SweepError.corrupt("column \(value.table).\(value.column) holds \(v) with type FINITE") }
            return v
        case "INF_POS": return .infinity
        case "INF_NEG": return -.infinity
        case "NAN" where allowsNaN: return .nan
        default:
            throw SweepError.corrupt(
                "column \(value.table).\(value.column)_type holds '\(type)', expected FINITE, INF_POS, INF_NEG\(allowsNaN ? " or NAN" : "")")
        }
    }
}
