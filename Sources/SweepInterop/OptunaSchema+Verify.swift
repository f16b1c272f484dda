import SweepCore

extension OptunaSchema {
    /// Checks that a database (a SQLite file or a PostgreSQL database) holds Optuna's schema in a
    /// version Sweep reads; returns the alembic revision and the library version.
    ///
    /// - Parameters:
    ///   - tables: the database's table names.
    ///   - library: `version_info.library_version`, when the table has a row.
    ///   - revision: `alembic_version.version_num`, when the table has a row.
    ///   - place: the file or database, for messages.
    ///   - storage: the URL Optuna's CLI takes, for the upgrade hint.
    static func verify(tables: Set<String>, library: String?, revision: String?, place: String, storage: String) throws(SweepError) -> (
        String, String
    ) {
        guard tables.contains("studies"), tables.contains("trials"), tables.contains("version_info") else {
            throw .invalidArgument(
                "\(place) is not an Optuna database: it has no studies, trials and version_info tables "
                    + "(tables: \(tables.isEmpty ? "none" : tables.sorted().joined(separator: ", ")))")
        }
        let library = library ?? "unknown"
        guard let revision else {
            throw .invalidArgument(
                "\(place) was written by Optuna \(library), before Optuna 3 (no alembic_version); upgrade it with "
                    + "`optuna storage upgrade --storage \(storage)` (Optuna 3 or later), then import it")
        }
        if older.contains(revision) {
            throw .invalidArgument(
                "\(place) has Optuna's schema \(revision) (Optuna \(library), before 3.0); upgrade it with "
                    + "`optuna storage upgrade --storage \(storage)` (Optuna 3 or later), then import it")
        }
        guard readable.contains(revision) else {
            throw .schemaTooNew(
                "\(place) has Optuna schema version '\(revision)' (Optuna \(library)), which this Sweep does not know; "
                    + "it reads \(readable.sorted().joined(separator: " and ")) (Optuna 3.x-5.x)")
        }
        let missing = OptunaSchema.tables.filter { !tables.contains($0) && $0 != "trial_heartbeats" }
        guard missing.isEmpty else {
            throw .corrupt("\(place) is an Optuna database without the tables \(missing.joined(separator: ", "))")
        }
        return (revision, library)
    }
}
