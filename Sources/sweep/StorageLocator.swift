import Foundation
import SweepCore
import SweepPostgres
import SweepSQLite

/// Opens a storage from its URL: `sqlite:PATH`, `memory:`, `postgres://user[:password]@host[:port]/db`
/// (also `postgresql://`).
enum StorageLocator {
    /// The URL with a relative SQLite path made absolute, for processes that run elsewhere.
    static func absolute(_ url: String) -> String {
        guard url.hasPrefix("sqlite:") else { return url }
        let path = String(url.dropFirst("sqlite:".count))
        guard !path.hasPrefix("/"), !path.hasPrefix("//") else { return url }
        return "sqlite:" + (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    }

    /// Opens the storage. With `existing`, a SQLite file that does not exist is refused rather
    /// than created: a command that only reads (or needs a study) names a typo, not a new database.
    /// `readOnly` (which implies `existing`) opens a SQLite file without writing to it.
    static func open(_ url: String, existing: Bool = false, readOnly: Bool = false) throws -> any Storage {
        if url == "memory:" || url == "memory" { return InMemoryStorage() }
        if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw SweepError.invalidArgument("storage URL '\(url)' has no path; expected sqlite:PATH") }
            if (existing || readOnly) && !FileManager.default.fileExists(atPath: path) {
                throw SweepError.invalidArgument(
                    "no Sweep database at \(path) (storage \(url)); create a study with `sweep create NAME` or "
                        + "`sweep run STUDY.toml`, or check --storage and $SWEEP_STORAGE")
            }
            return try readOnly ? SQLiteStorage(readingOnly: path) : SQLiteStorage(path: path)
        }
        if url.hasPrefix("postgres") {
            // The URL is checked here; connecting and migrating happen on the first call, which
            // throws what they threw (a wrong password, a missing database, a server away).
            return try PostgresStorage(connecting: try PostgresURL(url))
        }
        throw SweepError.invalidArgument(
            "unknown storage URL '\(url)'; expected sqlite:PATH, memory: or postgres://user@host[:port]/database")
    }
}
