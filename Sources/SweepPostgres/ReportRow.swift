import PostgresNIO
import SweepCore

/// Rows of `report`: one metric's value at one step of one trial. `(trial_id, metric, step)` is
/// unique; a second report of the same step is ignored, so the first value is kept. Values are
/// `DOUBLE PRECISION`, NaN and ±infinity included.
enum ReportRow {
    /// The curves of these trials, by trial id, each in report order; with `.only`, just those
    /// metrics' curves (filtered in the query).
    static func curves(_ sql: SQL, trials ids: [Int64], selection: CurveSelection = .all) async throws -> [Int64: [String: MetricCurve]] {
        let rows: [PostgresRow]
        switch selection {
        case .all:
            rows = try await sql.rows(
                "SELECT trial_id, metric, step, value FROM report WHERE trial_id = ANY(\(ids)::int8[]) ORDER BY id")
        case .only(let names):
            if names.isEmpty { return [:] }
            rows = try await sql.rows(
                """
                SELECT trial_id, metric, step, value FROM report
                WHERE trial_id = ANY(\(ids)::int8[]) AND metric = ANY(\(names.sorted())::text[]) ORDER BY id
                """)
        }
        var curves: [Int64: [String: MetricCurve]] = [:]
        for row in rows {
            let (trial, metric, step, value) = try Columns.decode(row, (Int64, String, Int, Double).self, table: "report")
            curves[trial, default: [:]][metric, default: MetricCurve()].record(step: step, value: value)
        }
        return curves
    }

    /// One trial's curves.
    static func curves(_ sql: SQL, trial: Int64) async throws -> [String: MetricCurve] {
        let rows = try await sql.rows("SELECT metric, step, value FROM report WHERE trial_id = \(trial) ORDER BY id")
        var curves: [String: MetricCurve] = [:]
        for row in rows {
            let (metric, step, value) = try Columns.decode(row, (String, Int, Double).self, table: "report")
            curves[metric, default: MetricCurve()].record(step: step, value: value)
        }
        return curves
    }
}
