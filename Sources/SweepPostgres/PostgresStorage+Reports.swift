import PostgresNIO
import SweepCore

// Metric reports: one row per (trial, metric, step), the first value kept.
extension PostgresStorage {
    @discardableResult
    public func report(trial: Int64, step: Int, metrics: [String: Double]) async throws -> Bool {
        try await report(trial: trial, steps: [StepReport(step: step, metrics: metrics)]) > 0
    }

    /// One statement for the whole batch, however many steps and metrics: it locks the trial's
    /// row (so the trial cannot finish halfway), counts as a heartbeat (written at most once a
    /// second, or a quarter of the timeout), and inserts the values that are new, the first of a
    /// repeated step kept. Running it twice stores the same, so a broken connection retries it.
    @discardableResult
    public func report(trial: Int64, steps: [StepReport]) async throws -> Int {
        guard !steps.isEmpty else { return 0 }
        var stepColumn: [Int] = []
        var names: [String] = []
        var values: [Double] = []
        for report in steps {
            for (name, value) in report.metrics.sorted(by: { $0.key < $1.key }) {
                stepColumn.append(report.step)
                names.append(name)
                values.append(value)
            }
        }
        return try await read("report to trial \(trial)") { sql in
            let row = try await sql.first(
                """
                WITH t AS (SELECT id, state FROM trial WHERE id = \(trial) FOR NO KEY UPDATE),
                beat AS (
                    UPDATE trial SET heartbeat = \(unescaped: Schema.now) FROM t
                    WHERE trial.id = t.id AND t.state = 'running' AND trial.heartbeat_timeout IS NOT NULL
                      AND (trial.heartbeat IS NULL
                           OR trial.heartbeat < \(unescaped: Schema.now) - LEAST(1.0, trial.heartbeat_timeout / 4))
                ),
                added AS (
                    INSERT INTO report (trial_id, metric, step, value)
                    SELECT t.id, m.metric, m.step, m.value
                    FROM t, unnest(\(stepColumn)::int8[], \(names)::text[], \(values)::float8[]) AS m(step, metric, value)
                    WHERE t.state IN ('running', 'waiting')
                    ON CONFLICT (trial_id, metric, step) DO NOTHING RETURNING step
                )
                SELECT t.state, (SELECT count(DISTINCT step) FROM added) FROM t
                """)
            guard let row else { throw Self.noTrial(trial) }
            let (stateText, added) = try Columns.decode(row, (String, Int).self, table: "trial")
            if try Columns.state(stateText).isFinished { throw try await finishedError(sql, trial: trial) }
            return added
        }
    }
}
