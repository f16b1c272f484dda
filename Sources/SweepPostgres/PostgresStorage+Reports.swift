import PostgresNIO
import SweepCore

// Metric reports: one row per (trial, metric, step), the first value kept.
extension PostgresStorage {
    /// One statement: locks the trial's row (so it cannot finish halfway), counts the report as a
    /// heartbeat (written at most once a second, or a quarter of the timeout), and inserts the
    /// values that are new. Running it twice stores the same, so a broken connection retries it.
    @discardableResult
    public func report(trial: Int64, step: Int, metrics: [String: Double]) async throws -> Bool {
        let names = Array(metrics.keys)
        let values = names.map { metrics[$0] ?? .nan }
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
                    SELECT t.id, m.metric, \(step), m.value FROM t, unnest(\(names)::text[], \(values)::float8[]) AS m(metric, value)
                    WHERE t.state IN ('running', 'waiting')
                    ON CONFLICT (trial_id, metric, step) DO NOTHING RETURNING 1
                )
                SELECT t.state, (SELECT count(*) FROM added) FROM t
                """)
            guard let row else { throw Self.noTrial(trial) }
            let (stateText, added) = try Columns.decode(row, (String, Int).self, table: "trial")
            if try Columns.state(stateText).isFinished { throw try await finishedError(sql, trial: trial) }
            return added > 0
        }
    }
}
