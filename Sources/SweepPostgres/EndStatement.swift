import PostgresNIO

/// `PostgresStorage.endAlone`'s statement, prepared once per connection (PostgresNIO keeps it by
/// name) so that the server parses it once, not at every tell. What it does is told there; it
/// returns a row per feed row it appended, none when it changed nothing.
struct EndStatement: RowStatement {

    static let sql = """
        WITH s AS (
            SELECT id, feed_seq FROM study WHERE id = (SELECT study_id FROM trial WHERE id = $1::int8) FOR UPDATE
        ),
        t AS (
            UPDATE trial SET state = $2::text, value = $3::float8, finished = $4::float8,
                user_attributes = CASE WHEN $5::bool THEN $6::text ELSE trial.user_attributes END,
                system_attributes = CASE WHEN $7::bool THEN $8::text ELSE trial.system_attributes END,
                replaced = CASE WHEN $7::bool THEN $9::bool ELSE trial.replaced END
            FROM s
            WHERE trial.id = $1::int8 AND trial.study_id = s.id AND trial.state IN ('running', 'waiting')
              AND (NOT $5::bool OR trial.user_attributes = '{}')
              AND (NOT $7::bool OR trial.system_attributes = '{}')
            RETURNING trial.study_id, trial.number, s.feed_seq
        ),
        moved AS (
            UPDATE study SET feed_seq = t.feed_seq + cardinality($10::text[]) FROM t WHERE study.id = t.study_id
        )
        INSERT INTO feed (study_id, seq, kind, trial_id, trial_number, key, value)
        SELECT t.study_id, t.feed_seq + e.position, e.kind, $1::int8, t.number,
               CASE WHEN e.kind = 'finished' THEN NULL ELSE e.key END,
               CASE WHEN e.kind = 'finished' THEN NULL ELSE e.value END
        FROM t, unnest($10::text[], $11::text[], $12::text[]) WITH ORDINALITY AS e(kind, key, value, position)
        RETURNING seq
        """

    var trial: Int64
    var state: String
    var value: Double?
    var finished: Double
    var setsUser: Bool
    var userText: String
    var setsSystem: Bool
    var systemText: String
    var replaced: Bool
    /// The feed rows to append, in order.
    var kinds: [String]
    var keys: [String]
    var values: [String]

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 12)
        bindings.append(trial)
        bindings.append(state)
        if let value { bindings.append(value) } else { bindings.appendNull() }
        bindings.append(finished)
        bindings.append(setsUser)
        bindings.append(userText)
        bindings.append(setsSystem)
        bindings.append(systemText)
        bindings.append(replaced)
        bindings.append(kinds)
        bindings.append(keys)
        bindings.append(values)
        return bindings
    }
}
