import PostgresNIO

/// `PostgresStorage.reportAndFeed`'s statement, prepared once per connection (PostgresNIO keeps
/// it by name) so that the server parses it once, not at every report: the hottest statement of
/// a study. What it does and the rows it returns are told there.
///
/// It comes in two forms. `ReportStatement` inserts plainly and fails with a unique violation when
/// a step of a metric is already stored; `RepeatTolerantReportStatement` keeps the first value of a
/// repeated step (`ON CONFLICT DO NOTHING`). The plain one runs first because PostgreSQL's
/// speculative insertion for `ON CONFLICT` about halves the rows a second it stores; repeats are
/// rare (a retried statement, a command that prints a step twice), and then the tolerant one runs.
struct ReportStatement: ReportStatementForm {
    static let sql = ReportArguments.sql(onConflict: "")
    var arguments: ReportArguments
}

/// `ReportStatement` that keeps the first value of a step already stored.
struct RepeatTolerantReportStatement: ReportStatementForm {
    static let sql = ReportArguments.sql(onConflict: "ON CONFLICT (trial_id, metric, step) DO NOTHING")
    var arguments: ReportArguments
}

/// What a report statement binds: one trial's values as three parallel columns, and the feed to
/// return with them.
struct ReportArguments: Sendable {
    var trial: Int64
    var steps: [Int]
    var names: [String]
    var values: [Double]
    /// The study whose feed to return after `cursor`, or nil for none.
    var study: Int64?
    var cursor: Int64
    /// The curves to read, in the same statement, of the trials the feed says finished; nil to
    /// read none (the caller reads them afterwards).
    var finishedCurves: [String]?

    func bindings() -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 9)
        bindings.append(trial)
        bindings.append(steps)
        bindings.append(names)
        bindings.append(values)
        bindings.append(study != nil)
        bindings.append(study ?? 0)
        bindings.append(cursor)
        bindings.append(finishedCurves ?? [])
        bindings.append(finishedCurves != nil)
        return bindings
    }

    static func sql(onConflict: String) -> String {
        """
        WITH t AS (SELECT id, state FROM trial WHERE id = $1 FOR NO KEY UPDATE),
        beat AS (
            UPDATE trial SET heartbeat = \(Schema.now) FROM t
            WHERE trial.id = t.id AND t.state = 'running' AND trial.heartbeat_timeout IS NOT NULL
              AND (trial.heartbeat IS NULL
                   OR trial.heartbeat < \(Schema.now) - LEAST(1.0, trial.heartbeat_timeout / 4))
        ),
        added AS (
            INSERT INTO report (trial_id, metric, step, value)
            SELECT t.id, m.metric, m.step, m.value
            FROM t, unnest($2::int8[], $3::text[], $4::float8[]) AS m(step, metric, value)
            WHERE t.state IN ('running', 'waiting')
            \(onConflict) RETURNING step
        ),
        answer AS (
            SELECT -1::int8 AS seq, t.state AS kind, (SELECT count(DISTINCT step) FROM added)::int8 AS trial_id,
                   NULL::integer AS trial_number, NULL::text AS key, NULL::text AS value
            FROM t
            UNION ALL
            SELECT seq, kind, trial_id, trial_number, key, value FROM feed
            WHERE $5::bool AND study_id = $6::int8 AND seq > $7::int8
        )
        SELECT \(TrialRead.columns), \(TrialRead.curvesAndNotes),
               answer.seq, answer.kind, answer.trial_id, answer.trial_number, answer.key, answer.value
        FROM answer
        LEFT JOIN LATERAL (
            SELECT * FROM trial WHERE $9::bool AND answer.kind = 'finished' AND trial.id = answer.trial_id
        ) AS trial ON true
        \(TrialRead.joins(names: "$8"))
        ORDER BY answer.seq
        """
    }
}
