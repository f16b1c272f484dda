import PostgresNIO
import SweepCore

// Metric reports: one row per (trial, metric, step), the first value kept.
extension PostgresStorage {
    @discardableResult
    public func report(trial: Int64, step: Int, metrics: [String: Double]) async throws -> Bool {
        try await report(trial: trial, steps: [StepReport(step: step, metrics: metrics)]) > 0
    }

    /// One statement for the whole batch, however many steps and metrics (`reportAndFeed`).
    @discardableResult
    public func report(trial: Int64, steps: [StepReport]) async throws -> Int {
        guard !steps.isEmpty else { return 0 }
        return try await read("report to trial \(trial)") { sql in
            try await reportAndFeed(sql, trial: trial, steps: steps, feedOf: nil, after: 0).added
        }
    }

    /// The report and the study's feed after `cursor` in one round trip; finished trials in the
    /// feed are read with a second.
    public func report(
        trial: Int64, steps: [StepReport], thenChangesOf study: Int64, after cursor: Int64, curves: CurveSelection
    ) async throws -> (added: Int, changes: StudyChanges) {
        try await read("report to trial \(trial)") { sql in
            let (added, feed) = try await reportAndFeed(sql, trial: trial, steps: steps, feedOf: study, after: cursor)
            return (added, try await changes(sql, study: study, after: cursor, feed: feed, curves: curves))
        }
    }

    /// One statement: it locks the trial's row (so the trial cannot finish halfway), counts as a
    /// heartbeat (written at most once a second, or a quarter of the timeout), inserts the values
    /// that are new, the first of a repeated step kept, and returns how many steps were new and,
    /// with `study`, that study's feed after `cursor`. Running it twice stores the same, so a
    /// broken connection retries it.
    ///
    /// The answer is feed-shaped rows: first the report's own (position -1, the trial's state in
    /// place of the kind, the count of new steps in place of the trial id; no row when there is no
    /// such trial), then the feed's in order.
    private func reportAndFeed(
        _ sql: SQL, trial: Int64, steps: [StepReport], feedOf study: Int64?, after cursor: Int64
    ) async throws -> (added: Int, feed: [FeedRow]) {
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
        let rows = try await sql.rows(
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
            SELECT * FROM (
                SELECT -1::int8 AS seq, t.state AS kind, (SELECT count(DISTINCT step) FROM added)::int8 AS trial_id,
                       NULL::integer AS trial_number, NULL::text AS key, NULL::text AS value
                FROM t
                UNION ALL
                SELECT seq, kind, trial_id, trial_number, key, value FROM feed
                WHERE \(study != nil) AND study_id = \(study ?? 0) AND seq > \(cursor)
            ) answer ORDER BY seq
            """)
        guard let head = rows.first,
            case let (seq, stateText, added, _, _, _) = try Columns.decode(
                head, (Int64, String, Int64?, Int?, String?, String?).self, table: "trial"),
            seq == -1
        else { throw Self.noTrial(trial) }
        if try Columns.state(stateText).isFinished { throw try await finishedError(sql, trial: trial) }
        return (Int(added ?? 0), try rows.dropFirst().map(FeedRow.init))
    }
}
