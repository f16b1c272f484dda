import Foundation
import SweepCore

/// Where an Optuna database is, from the URL Optuna itself takes (SQLAlchemy's):
/// `sqlite:///relative.db`, `sqlite:////absolute.db`; also `sqlite:PATH` as Sweep writes it, and a
/// bare path. `path` is for SQLite files (what export writes); `source` is for import, which
/// also reads journal files (`journal:PATH`, or a bare path whose file is a journal) and
/// PostgreSQL (`postgresql://...`, with or without a SQLAlchemy driver such as `+psycopg2`).
public enum OptunaLocation {
    /// What `sweep import optuna --from` names.
    public enum Source: Sendable, Hashable {
        case sqlite(path: String)
        case journal(path: String)
        /// A PostgreSQL URL, without a driver suffix.
        case postgres(url: String)
    }

    /// The kind of storage and where it is; throws `invalidArgument` for another kind of URL.
    public static func source(_ url: String) throws(SweepError) -> Source {
        if url.hasPrefix("journal:") {
            let path = String(url.dropFirst("journal:".count))
            guard !path.isEmpty else { throw .invalidArgument("Optuna storage '\(url)' has no path; expected journal:path/to/journal.log") }
            return .journal(path: path)
        }
        for scheme in ["postgresql", "postgres"] where url.hasPrefix(scheme + "://") || url.hasPrefix(scheme + "+") {
            guard let rest = url.range(of: "://") else { break }
            return .postgres(url: "postgresql://" + url[rest.upperBound...])
        }
        if url.contains("://"), !url.hasPrefix("sqlite:") {
            let scheme = url.prefix(while: { $0 != ":" && $0 != "+" })
            throw .invalidArgument(
                "Optuna storage '\(url)': Sweep imports from SQLite files (sqlite:///PATH), journal files (journal:PATH) "
                    + "and PostgreSQL (postgresql://USER@HOST/DB), not \(scheme); copy the study to SQLite with optuna.copy_study first")
        }
        let file = try path(url)
        if !url.hasPrefix("sqlite:"), OptunaJournalReader.looksLikeJournal(file) { return .journal(path: file) }
        return .sqlite(path: file)
    }

    /// The file's path; throws `invalidArgument` for another kind of URL.
    public static func path(_ url: String) throws(SweepError) -> String {
        var path: String
        if url.hasPrefix("sqlite:///") {
            path = String(url.dropFirst("sqlite:///".count))
        } else if url.hasPrefix("sqlite://") {
            throw .invalidArgument("Optuna storage '\(url)' has no path; expected sqlite:///relative/path.db or sqlite:////absolute/path.db")
        } else if url.hasPrefix("sqlite:") {
            path = String(url.dropFirst("sqlite:".count))
        } else if url.contains("://") {
            let scheme = url.prefix(while: { $0 != ":" })
            throw .invalidArgument(
                "Optuna storage '\(url)': only SQLite files (sqlite:///PATH) are supported, not \(scheme); "
                    + "copy the study to SQLite with optuna.copy_study first")
        } else {
            path = url
        }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        guard !path.isEmpty else { throw .invalidArgument("Optuna storage '\(url)' has no path") }
        return path
    }
}
