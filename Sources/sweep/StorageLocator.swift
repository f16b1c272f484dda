import SweepCore
import SweepSQLite

/// Opens a storage from its URL: `sqlite:PATH`, `memory:`.
enum StorageLocator {
    static func open(_ url: String) throws -> any Storage {
        if url == "memory:" || url == "memory" { return InMemoryStorage() }
        if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw SweepError.invalidArgument("storage URL '\(url)' has no path; expected sqlite:PATH") }
            return try SQLiteStorage(path: path)
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            throw SweepError.invalidArgument("PostgreSQL storage is not available in this build yet; use sqlite:PATH")
        }
        throw SweepError.invalidArgument("unknown storage URL '\(url)'; expected sqlite:PATH or memory:")
    }
}
