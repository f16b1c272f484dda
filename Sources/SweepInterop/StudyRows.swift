import Foundation
import GRDB
import SweepCore

/// Reads one study's rows out of an Optuna database: a query per table, grouped by trial.
struct StudyRows {
    var db: Database
    var study: Int
    var name: String
    var time: OptunaTime

    func read() throws -> OptunaStudy {
        var result = OptunaStudy(name: name, directions: try directions())
        result.userAttributes = try attributes("study_user_attributes", owner: "study_id", where: "study_id = ?").values.first ?? [:]
        result.systemAttributes = try attributes("study_system_attributes", owner: "study_id", where: "study_id = ?").values.first ?? [:]
        let ofStudy = "trial_id IN (SELECT trial_id FROM trials WHERE study_id = ?)"
        let user = try attributes("trial_user_attributes", owner: "trial_id", where: ofStudy)
        let system = try attributes("trial_system_attributes", owner: "trial_id", where: ofStudy)
        let params = try self.params(ofStudy)
        let values = try self.values(ofStudy)
        let intermediate = try self.intermediate(ofStudy)
        try rows("SELECT trial_id, number, state, datetime_start, datetime_complete FROM trials WHERE study_id = ? ORDER BY number, trial_id") { row in
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
    private func rows(_ sql: String, _ each: (Row) throws -> Void) throws {
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: [study])
        while let row = try cursor.next() { try each(row) }
    }

    private func cell(_ row: Row, _ index: Int, _ table: String, _ column: String) -> Cell {
        Cell(table: table, column: column, value: row[index])
    }

    private func directions() throws -> [String] {
        try Row.fetchAll(db, sql: "SELECT direction FROM study_directions WHERE study_id = ? ORDER BY objective", arguments: [study])
            .map { try cell($0, 0, "study_directions", "direction").string() }
    }

    private func date(_ row: Row, _ index: Int, _ column: String) throws -> Date? {
        guard let text = try cell(row, index, "trials", column).optionalString() else { return nil }
        guard let date = time.date(text) else {
            throw SweepError.corrupt("column trials.\(column) holds '\(text)', expected a time as YYYY-MM-DD HH:MM:SS.ffffff")
        }
        return date
    }

    /// Attribute rows by owner id.
    private func attributes(_ table: String, owner: String, where condition: String) throws -> [Int: [String: PythonJSON]] {
        var result: [Int: [String: PythonJSON]] = [:]
        try rows("SELECT \(owner), key, value_json FROM \(table) WHERE \(condition)") { row in
            let id = try cell(row, 0, table, owner).int()
            let key = try cell(row, 1, table, "key").string()
            result[id, default: [:]][key] = try cell(row, 2, table, "value_json").json()
        }
        return result
    }

    private func params(_ condition: String) throws -> [Int: [String: OptunaParam]] {
        var result: [Int: [String: OptunaParam]] = [:]
        try rows("SELECT trial_id, param_name, param_value, distribution_json FROM trial_params WHERE \(condition)") { row in
            let id = try cell(row, 0, "trial_params", "trial_id").int()
            result[id, default: [:]][try cell(row, 1, "trial_params", "param_name").string()] = OptunaParam(
                internalValue: try cell(row, 2, "trial_params", "param_value").double(),
                distributionJSON: try cell(row, 3, "trial_params", "distribution_json").string())
        }
        return result
    }

    private func values(_ condition: String) throws -> [Int: [Int: Double]] {
        var result: [Int: [Int: Double]] = [:]
        try rows("SELECT trial_id, objective, value, value_type FROM trial_values WHERE \(condition)") { row in
            let id = try cell(row, 0, "trial_values", "trial_id").int()
            let value = try Self.number(
                cell(row, 2, "trial_values", "value"), type: try cell(row, 3, "trial_values", "value_type").string(), allowsNaN: false)
            result[id, default: [:]][try cell(row, 1, "trial_values", "objective").int()] = value
        }
        return result
    }

    private func intermediate(_ condition: String) throws -> [Int: [Int: Double]] {
        var result: [Int: [Int: Double]] = [:]
        let table = "trial_intermediate_values"
        try rows("SELECT trial_id, step, intermediate_value, intermediate_value_type FROM \(table) WHERE \(condition)") { row in
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
