import GRDB
import SweepCore

/// The database schema, as a list of named migrations.
///
/// Migrations are append-only: a released migration is never edited; a change to the schema is a
/// new migration at the end of the list. `DatabaseMigrator` records which ones ran in
/// `grdb_migrations`, so every process that opens the file brings it up to date once.
enum Schema {
    /// Brings the file's schema up to date.
    ///
    /// `DatabaseMigrator` reads which migrations ran before it takes the write lock, so two
    /// processes opening a new file at once can both try the first migration; the loser's
    /// transaction rolls back ("table already exists"). It then finds the work done and succeeds.
    static func migrate(_ writer: any DatabaseWriter) throws {
        if case .newer(let unknown) = try writer.read(state) { throw tooNew(unknown) }
        var attempt = 1
        while true {
            do {
                try migrator.migrate(writer)
                return
            } catch {
                if try writer.read({ db in try migrator.hasCompletedMigrations(db) }) { return }
                guard attempt < 5 else { throw error }
                attempt += 1
            }
        }
    }

    /// How a file's schema compares with this Sweep's, read without writing.
    enum State: Equatable {
        case current
        /// A Sweep database that needs migrations this Sweep has.
        case older
        /// No Sweep schema at all (another program's file).
        case notSweep
        /// A schema a later Sweep wrote: it has migrations this one does not know (the first named).
        case newer(String)
    }

    static func state(_ db: Database) throws -> State {
        guard try db.tableExists("grdb_migrations"), try db.tableExists("study") else { return .notSweep }
        if try migrator.hasBeenSuperseded(db) {
            let known = Set(migrator.migrations)
            let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
            return .newer(applied.first { !known.contains($0) } ?? "?")
        }
        return try migrator.hasCompletedMigrations(db) ? .current : .older
    }

    /// The error for a file a later Sweep wrote.
    static func tooNew(_ unknown: String) -> SweepError {
        .schemaTooNew(
            "the database's schema is newer than this sweep (it has migration '\(unknown)', which this build does not "
                + "know); use a newer sweep")
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: studies, trials, reports, notes, feed") { db in
            // Attributes, parameters, distributions and configuration are JSON text.
            // Times are seconds since 1970 (REAL).
            try db.execute(
                sql: """
                    CREATE TABLE study (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        name TEXT NOT NULL UNIQUE,
                        config TEXT NOT NULL,
                        space TEXT NOT NULL,
                        user_attributes TEXT NOT NULL DEFAULT '{}',
                        system_attributes TEXT NOT NULL DEFAULT '{}',
                        created REAL NOT NULL
                    );
                    CREATE TABLE trial (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        study_id INTEGER NOT NULL REFERENCES study(id) ON DELETE CASCADE,
                        number INTEGER NOT NULL,
                        state TEXT NOT NULL,
                        params TEXT NOT NULL DEFAULT '{}',
                        distributions TEXT NOT NULL DEFAULT '{}',
                        value REAL, -- NULL: no value; the text 'NaN': NaN
                        user_attributes TEXT NOT NULL DEFAULT '{}',
                        system_attributes TEXT NOT NULL DEFAULT '{}',
                        started REAL,
                        finished REAL
                    );
                    CREATE UNIQUE INDEX trial_number ON trial(study_id, number);
                    CREATE INDEX trial_waiting ON trial(study_id, number) WHERE state = 'waiting';
                    CREATE TABLE report (
                        id INTEGER PRIMARY KEY,
                        trial_id INTEGER NOT NULL REFERENCES trial(id) ON DELETE CASCADE,
                        metric TEXT NOT NULL,
                        step INTEGER NOT NULL,
                        value REAL -- NULL: NaN
                    );
                    CREATE UNIQUE INDEX report_step ON report(trial_id, metric, step);
                    CREATE TABLE note (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        study_id INTEGER NOT NULL REFERENCES study(id) ON DELETE CASCADE,
                        trial_id INTEGER REFERENCES trial(id) ON DELETE CASCADE,
                        time REAL NOT NULL,
                        text TEXT NOT NULL
                    );
                    CREATE INDEX note_study ON note(study_id, trial_id);
                    CREATE INDEX note_trial ON note(trial_id);
                    -- The change feed: one row per finished trial and per system attribute set,
                    -- written in the same transaction as the change itself.
                    CREATE TABLE feed (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        study_id INTEGER NOT NULL REFERENCES study(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL, -- 'finished', 'trial_attribute', 'study_attribute'
                        trial_id INTEGER,
                        trial_number INTEGER,
                        key TEXT,
                        value TEXT
                    );
                    CREATE INDEX feed_study ON feed(study_id, seq);
                    """)
        }
        migrator.registerMigration("v2: heartbeats on the database clock") { db in
            // Seconds since 1970 on the database's clock (`Schema.now`): the last heartbeat or
            // report of a running trial, and the silence after which any worker may fail it.
            try db.execute(
                sql: """
                    ALTER TABLE trial ADD COLUMN heartbeat REAL;
                    ALTER TABLE trial ADD COLUMN heartbeat_timeout REAL;
                    """)
        }
        migrator.registerMigration("v3: the best trial by an index") { db in
            // `bestTrial` walks this index from either end instead of sorting the study's trials.
            try db.execute(sql: "CREATE INDEX trial_by_value ON trial (study_id, value) WHERE state = 'complete'")
        }
        migrator.registerMigration("v4: index snapshots") { db in
            // One `StudyIndex` snapshot per study with the feed position it is current at, so a
            // new process reads it and the feed's tail instead of the whole study.
            try db.execute(
                sql: """
                    CREATE TABLE index_snapshot (
                        study_id INTEGER PRIMARY KEY REFERENCES study(id) ON DELETE CASCADE,
                        cursor INTEGER NOT NULL,
                        data BLOB NOT NULL
                    )
                    """)
        }
        migrator.registerMigration("v5: judges' questions and pairwise labels") { db in
            // A judge's question on a running trial (`Checkpoint`), answered by whoever gets there
            // first (`answered_by` stays NULL until then); and people's pairwise labels on curves.
            try db.execute(
                sql: """
                    CREATE TABLE checkpoint (
                        id INTEGER PRIMARY KEY,
                        study_id INTEGER NOT NULL REFERENCES study(id) ON DELETE CASCADE,
                        trial_id INTEGER NOT NULL REFERENCES trial(id) ON DELETE CASCADE,
                        step INTEGER NOT NULL,
                        brief TEXT NOT NULL,
                        asked REAL NOT NULL,
                        deadline REAL NOT NULL,
                        prune INTEGER,
                        reason TEXT,
                        answered_by TEXT,
                        answered REAL
                    );
                    CREATE INDEX checkpoint_open ON checkpoint (study_id) WHERE answered_by IS NULL;
                    CREATE INDEX checkpoint_trial ON checkpoint (trial_id);
                    CREATE TABLE label (
                        id INTEGER PRIMARY KEY,
                        study_id INTEGER NOT NULL REFERENCES study(id) ON DELETE CASCADE,
                        first INTEGER NOT NULL,
                        second INTEGER NOT NULL,
                        choice TEXT NOT NULL CHECK (choice IN ('first', 'second', 'same')),
                        by TEXT NOT NULL,
                        time REAL NOT NULL
                    );
                    CREATE INDEX label_study ON label (study_id);
                    """)
        }
        migrator.registerMigration("v6: reports clustered by trial, metric and step") { db in
            // One B-tree keyed (trial_id, metric, step) instead of a rowid table and a unique index
            // beside it: a report is one insert, not two, and a trial's curve is read in one range.
            try db.execute(
                sql: """
                    CREATE TABLE report_by_step (
                        trial_id INTEGER NOT NULL REFERENCES trial(id) ON DELETE CASCADE,
                        metric TEXT NOT NULL,
                        step INTEGER NOT NULL,
                        value REAL, -- NULL: NaN
                        PRIMARY KEY (trial_id, metric, step)
                    ) WITHOUT ROWID;
                    INSERT INTO report_by_step (trial_id, metric, step, value) SELECT trial_id, metric, step, value FROM report;
                    DROP TABLE report;
                    ALTER TABLE report_by_step RENAME TO report;
                    """)
        }
        return migrator
    }

    /// The database's clock in SQL: seconds since 1970, with fractions.
    static let now = "((julianday('now') - 2440587.5) * 86400.0)"
}
