/// The database schema, as a list of named migrations, and the SQL the storage shares.
///
/// Migrations are append-only: a released migration is never edited; a change to the schema is a
/// new migration at the end of the list. `sweep_migrations` records which ones ran.
/// `Migrator` applies the missing ones in one transaction under an advisory lock, so several
/// processes opening a new database at once apply each exactly once.
///
/// The tables are SQLite's (`SweepSQLite/Schema.swift`) with these differences:
/// - Ids are `BIGSERIAL`; values are `DOUBLE PRECISION`, which holds NaN and ±infinity as they are
///   (no `'NaN'` text); times are seconds since 1970 (`DOUBLE PRECISION`), the database's clock
///   being `Schema.now`. JSON columns are `TEXT` holding exactly what `JSONColumn` wrote.
/// - `study.trial_count` is the next trial number and `study.feed_seq` the last feed position.
///   Both change only while the study's row is locked (`LockedStudy`), so trial numbers have no gaps
///   and feed positions of one study commit in order (see `FeedRow`).
/// - `trial.replaced` mirrors whether `system_attributes` has the key `replaced`, so the claim's
///   count of trials towards the target reads no JSON.
enum Schema {
    struct Migration: Sendable {
        var name: String
        var statements: [String]
    }

    static let migrations: [Migration] = [
        Migration(
            name: "v1: studies, trials, reports, notes, feed, heartbeats",
            statements: [
                """
                CREATE TABLE study (
                    id BIGSERIAL PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    config TEXT NOT NULL,
                    space TEXT NOT NULL,
                    user_attributes TEXT NOT NULL DEFAULT '{}',
                    system_attributes TEXT NOT NULL DEFAULT '{}',
                    created DOUBLE PRECISION NOT NULL,
                    trial_count INTEGER NOT NULL DEFAULT 0,
                    feed_seq BIGINT NOT NULL DEFAULT 0
                )
                """,
                """
                CREATE TABLE trial (
                    id BIGSERIAL PRIMARY KEY,
                    study_id BIGINT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('waiting', 'running', 'complete', 'pruned', 'failed')),
                    params TEXT NOT NULL DEFAULT '{}',
                    distributions TEXT NOT NULL DEFAULT '{}',
                    value DOUBLE PRECISION,
                    user_attributes TEXT NOT NULL DEFAULT '{}',
                    system_attributes TEXT NOT NULL DEFAULT '{}',
                    replaced BOOLEAN NOT NULL DEFAULT false,
                    started DOUBLE PRECISION,
                    finished DOUBLE PRECISION,
                    heartbeat DOUBLE PRECISION,
                    heartbeat_timeout DOUBLE PRECISION,
                    UNIQUE (study_id, number)
                )
                """,
                "CREATE INDEX trial_waiting ON trial (study_id, number) WHERE state = 'waiting'",
                "CREATE INDEX trial_running ON trial (study_id) WHERE state = 'running'",
                "CREATE INDEX trial_state ON trial (study_id, state)",
                """
                CREATE TABLE report (
                    id BIGSERIAL PRIMARY KEY,
                    trial_id BIGINT NOT NULL REFERENCES trial(id) ON DELETE CASCADE,
                    metric TEXT NOT NULL,
                    step BIGINT NOT NULL,
                    value DOUBLE PRECISION NOT NULL,
                    UNIQUE (trial_id, metric, step)
                )
                """,
                """
                CREATE TABLE note (
                    id BIGSERIAL PRIMARY KEY,
                    study_id BIGINT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
                    trial_id BIGINT REFERENCES trial(id) ON DELETE CASCADE,
                    time DOUBLE PRECISION NOT NULL,
                    text TEXT NOT NULL
                )
                """,
                "CREATE INDEX note_study ON note (study_id, trial_id)",
                "CREATE INDEX note_trial ON note (trial_id)",
                // The change feed: one row per finished trial and per system attribute set, written
                // in the same transaction as the change, at the next position of its study.
                """
                CREATE TABLE feed (
                    study_id BIGINT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
                    seq BIGINT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('finished', 'trial_attribute', 'study_attribute')),
                    trial_id BIGINT,
                    trial_number INTEGER,
                    key TEXT,
                    value TEXT,
                    PRIMARY KEY (study_id, seq)
                )
                """,
            ]),
        Migration(
            name: "v2: index snapshots",
            statements: [
                // One `StudyIndex` snapshot per study with the feed position it is current at.
                """
                CREATE TABLE index_snapshot (
                    study_id BIGINT PRIMARY KEY REFERENCES study(id) ON DELETE CASCADE,
                    cursor BIGINT NOT NULL,
                    data BYTEA NOT NULL
                )
                """,
            ]),
        Migration(
            name: "v3: judges' questions and pairwise labels",
            statements: [
                // A judge's question on a running trial (`Checkpoint`), answered by whoever gets
                // there first (`answered_by` stays NULL until then).
                """
                CREATE TABLE checkpoint (
                    id BIGSERIAL PRIMARY KEY,
                    study_id BIGINT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
                    trial_id BIGINT NOT NULL REFERENCES trial(id) ON DELETE CASCADE,
                    step BIGINT NOT NULL,
                    brief TEXT NOT NULL,
                    asked DOUBLE PRECISION NOT NULL,
                    deadline DOUBLE PRECISION NOT NULL,
                    prune BOOLEAN,
                    reason TEXT,
                    answered_by TEXT,
                    answered DOUBLE PRECISION
                )
                """,
                "CREATE INDEX checkpoint_open ON checkpoint (study_id) WHERE answered_by IS NULL",
                "CREATE INDEX checkpoint_trial ON checkpoint (trial_id)",
                // People's pairwise labels on a study's curves.
                """
                CREATE TABLE label (
                    id BIGSERIAL PRIMARY KEY,
                    study_id BIGINT NOT NULL REFERENCES study(id) ON DELETE CASCADE,
                    first INTEGER NOT NULL,
                    second INTEGER NOT NULL,
                    choice TEXT NOT NULL CHECK (choice IN ('first', 'second', 'same')),
                    by TEXT NOT NULL,
                    time DOUBLE PRECISION NOT NULL
                )
                """,
                "CREATE INDEX label_study ON label (study_id)",
            ]),
        Migration(
            name: "v4: reports keyed by (trial, metric, step), without a row id or a foreign key; trials by value",
            statements: [
                // A report row cost a sequence value, a second index and a foreign-key check per
                // row (the check alone took about 40% of a bulk insert). The key is the row's
                // identity; the report statement inserts only for a trial it has locked, so the
                // reference holds without the check, and a trigger keeps the cascade. Metric names
                // compare byte by byte in the key (`COLLATE "C"`), whatever the database's locale.
                """
                CREATE TABLE report_v4 (
                    trial_id BIGINT NOT NULL,
                    metric TEXT COLLATE "C" NOT NULL,
                    step BIGINT NOT NULL,
                    value DOUBLE PRECISION NOT NULL,
                    PRIMARY KEY (trial_id, metric, step)
                )
                """,
                "INSERT INTO report_v4 (trial_id, metric, step, value) SELECT trial_id, metric, step, value FROM report",
                "DROP TABLE report",
                "ALTER TABLE report_v4 RENAME TO report",
                "ALTER INDEX report_v4_pkey RENAME TO report_pkey",
                """
                CREATE FUNCTION delete_reports_of_deleted_trials() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM report WHERE trial_id IN (SELECT id FROM deleted);
                    RETURN NULL;
                END $$
                """,
                """
                CREATE TRIGGER trial_deleted_reports AFTER DELETE ON trial
                REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT
                EXECUTE FUNCTION delete_reports_of_deleted_trials()
                """,
                // `bestTrial` walks it from one end (SQLite's `trial_by_value`).
                "CREATE INDEX trial_by_value ON trial (study_id, value) WHERE state = 'complete'",
            ]),
    ]

    /// The database's clock in SQL: seconds since 1970, with fractions (`clock_timestamp()`, which
    /// moves within a transaction, unlike `now()`).
    static let now = "extract(epoch FROM clock_timestamp())::float8"

    /// The columns of `trial` that `TrialRow` reads, in its order.
    static let trialColumns = """
        id, study_id, number, state, params, distributions, value, user_attributes, system_attributes, \
        started, finished, heartbeat, heartbeat_timeout
        """
}
