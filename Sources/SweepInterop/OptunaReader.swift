import Foundation
import GRDB
import SweepCore

/// Reads studies from an Optuna SQLite database (Optuna 3.x-5.x, alembic `v3.0.0.d` or
/// `v3.2.0.a`), read-only. Opening checks the file: a missing file, one that is not SQLite, one
/// without Optuna's tables and one of another schema version each get their own clear error.
/// A damaged file gives `SweepError.corrupt` naming the table and column; nothing traps.
public struct OptunaReader: Sendable {
    public let path: String
    /// Alembic's revision (`alembic_version.version_num`).
    public let revision: String
    /// The Optuna that set the file up (`version_info.library_version`).
    public let libraryVersion: String
    let queue: DatabaseQueue
    let time: OptunaTime

    /// Opens the file and checks that it is an Optuna database Sweep can read.
    public init(path: String) throws(SweepError) {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw .invalidArgument("no Optuna database at \(path): the file does not exist")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "optuna-reader"
        let queue = try Self.guarded(path) { try DatabaseQueue(path: path, configuration: configuration) }
        let (revision, library) = try Self.guarded(path) { try queue.read { db in try Self.check(db, path: path) } }
        self.queue = queue
        self.revision = revision
        self.libraryVersion = library
        self.time = OptunaTime(libraryVersion: library)
    }

    /// The names of the file's studies, in the order they were created.
    public func studyNames() throws(SweepError) -> [String] {
        try Self.guarded(path) {
            try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT study_name FROM studies ORDER BY study_id").map {
                    try Cell(table: "studies", column: "study_name", value: $0[0]).string()
                }
            }
        }
    }

    /// One study with its trials; throws `unknownStudy` when the file has none of that name.
    public func study(named name: String) throws(SweepError) -> OptunaStudy {
        try Self.guarded(path) {
            try queue.read { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT study_id FROM studies WHERE study_name = ?", arguments: [name])
                else { throw SweepError.unknownStudy(name) }
                let id = try Cell(table: "studies", column: "study_id", value: row[0]).int()
                return try StudyRows(db: db, study: id, name: name, time: time).read()
            }
        }
    }

    /// Checks tables and versions; returns the alembic revision and the library version.
    static func check(_ db: Database, path: String) throws -> (String, String) {
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        guard tables.contains("studies"), tables.contains("trials"), tables.contains("version_info") else {
            throw SweepError.invalidArgument(
                "\(path) is not an Optuna database: it has no studies, trials and version_info tables "
                    + "(tables: \(tables.isEmpty ? "none" : tables.sorted().joined(separator: ", ")))")
        }
        let version = try Row.fetchOne(db, sql: "SELECT schema_version, library_version FROM version_info")
        let library = try version.map { try Cell(table: "version_info", column: "library_version", value: $0[1]).string() } ?? "unknown"
        guard tables.contains("alembic_version"),
            let revisionRow = try Row.fetchOne(db, sql: "SELECT version_num FROM alembic_version")
        else {
            throw SweepError.invalidArgument(
                "\(path) was written by Optuna \(library), before Optuna 3 (no alembic_version); upgrade it with "
                    + "`optuna storage upgrade --storage sqlite:///\(path)` (Optuna 3 or later), then import it")
        }
        let revision = try Cell(table: "alembic_version", column: "version_num", value: revisionRow[0]).string()
        if OptunaSchema.older.contains(revision) {
            throw SweepError.invalidArgument(
                "\(path) has Optuna's schema \(revision) (Optuna \(library), before 3.0); upgrade it with "
                    + "`optuna storage upgrade --storage sqlite:///\(path)` (Optuna 3 or later), then import it")
        }
        guard OptunaSchema.readable.contains(revision) else {
            throw SweepError.schemaTooNew(
                "\(path) has Optuna schema version '\(revision)' (Optuna \(library)), which this Sweep does not know; "
                    + "it reads \(OptunaSchema.readable.sorted().joined(separator: " and ")) (Optuna 3.x-5.x)")
        }
        let missing = OptunaSchema.tables.filter { !tables.contains($0) && $0 != "trial_heartbeats" }
        guard missing.isEmpty else {
            throw SweepError.corrupt("\(path) is an Optuna database without the tables \(missing.joined(separator: ", "))")
        }
        return (revision, library)
    }

    /// Runs `body`, turning SQLite's errors into `SweepError`s that name the file.
    static func guarded<T>(_ path: String, _ body: () throws -> T) throws(SweepError) -> T {
        do {
            return try body()
        } catch let error as SweepError {
            throw error
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB:
                throw .invalidArgument("\(path) is not an Optuna database: it is not a SQLite file")
            case .SQLITE_CORRUPT, .SQLITE_IOERR, .SQLITE_FORMAT, .SQLITE_RANGE:
                throw .corrupt("\(path) is damaged (SQLite: \(error.message ?? "\(error.resultCode)"))")
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
                throw .invalidArgument("cannot open \(path) (SQLite: \(error.message ?? "\(error.resultCode)"))")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                throw .storageUnavailable("\(path) is locked by another program; try again")
            default:
                throw .storage("\(path): \(error)")
            }
        } catch {
            throw .storage("\(path): \(error)")
        }
    }
}
