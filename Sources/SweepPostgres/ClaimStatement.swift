import PostgresNIO

/// `PostgresStorage.claimAtOnce`'s statement, prepared once per connection (PostgresNIO keeps it
/// by name) so that the server parses it once, not at every ask. What it does is told there; its
/// one row holds the new trial's columns (`Schema.trialColumns`), all NULL when it added none.
struct ClaimStatement: RowStatement {

    static let sql = """
        WITH s AS (SELECT id, trial_count FROM study WHERE id = $1::int8 FOR UPDATE),
        free AS (
            SELECT s.id FROM s
            WHERE s.trial_count = $2::int8 AND s.trial_count < $3::int8
              AND NOT EXISTS (SELECT 1 FROM trial WHERE study_id = $1::int8 AND state = 'waiting')
        ),
        added AS (
            INSERT INTO trial (study_id, number, state, params, distributions, started, heartbeat, heartbeat_timeout)
            SELECT free.id, $2::int8, 'running', $4::text, $5::text, $6::float8, \(Schema.now), $7::float8
            FROM free RETURNING \(Schema.trialColumns)
        ),
        counted AS (UPDATE study SET trial_count = $2::int8 + 1 FROM added WHERE study.id = added.study_id)
        SELECT added.* FROM s LEFT JOIN added ON true
        """

    var study: Int64
    /// The number the trial takes, which must be the study's next.
    var number: Int
    /// The study's target, `Int.max` for none.
    var target: Int
    var params: String
    var distributions: String
    var started: Double
    var heartbeatTimeout: Double?

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 7)
        bindings.append(study)
        bindings.append(number)
        bindings.append(target)
        bindings.append(params)
        bindings.append(distributions)
        bindings.append(started)
        if let heartbeatTimeout { bindings.append(heartbeatTimeout) } else { bindings.appendNull() }
        return bindings
    }
}
