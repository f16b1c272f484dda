import Foundation
import SweepCore

/// Where an Optuna database is, from the URL Optuna itself takes (SQLAlchemy's):
/// `sqlite:///relative.db`, `sqlite:////absolute.db`; also `sqlite:PATH` as Sweep writes it, and a
/// bare path. PostgreSQL and MySQL URLs are recognised and refused: only SQLite files are read
/// and written yet.
public enum OptunaLocation {
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
