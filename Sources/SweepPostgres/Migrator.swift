import PostgresNIO
import SweepCore

/// Brings a database's schema up to date with `Schema.migrations`.
///
/// Everything happens in one transaction that first takes a transaction-level advisory lock, so
/// when several processes open a new database at once one of them creates the tables and the
/// others, waiting on the lock, then find every migration recorded in `sweep_migrations` and do
/// nothing. PostgreSQL's DDL is transactional: a migration that fails leaves no half-made table.
enum Migrator {
    /// The advisory lock key (the bytes of "SWEEPMIG").
    static let lockKey: Int64 = 0x5357_4545_504D_4947

    /// Migrates the database on `connection` and closes the connection.
    static func migrate(_ connection: PostgresConnection, url: PostgresURL) async throws {
        do {
            try await migrate(SQL(connection), url: url)
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
    }

    /// Applies the missing migrations among the first `count` (all of them but in tests of an
    /// upgrade, which make an older schema first).
    static func migrate(_ sql: SQL, url: PostgresURL, through count: Int = Schema.migrations.count) async throws {
        try await sql.transaction { sql in
            try await sql.run("SELECT pg_advisory_xact_lock(\(lockKey))")
            try await sql.run(
                """
                CREATE TABLE IF NOT EXISTS sweep_migrations (
                    name TEXT PRIMARY KEY,
                    applied TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """)
            var applied = Set<String>()
            for row in try await sql.rows("SELECT name FROM sweep_migrations") {
                applied.insert(try Columns.decode(row, String.self, "sweep_migrations.name"))
            }
            let known = Set(Schema.migrations.map(\.name))
            if let unknown = applied.subtracting(known).sorted().first {
                throw SweepError.schemaTooNew(
                    "\(url): the database's schema is newer than this sweep (it has migration '\(unknown)', "
                        + "which this build does not know); use a newer sweep")
            }
            for migration in Schema.migrations.prefix(count) where !applied.contains(migration.name) {
                for statement in migration.statements {
                    try await sql.run(PostgresQuery(unsafeSQL: statement))
                }
                try await sql.run("INSERT INTO sweep_migrations (name) VALUES (\(migration.name))")
            }
        }
    }
}
