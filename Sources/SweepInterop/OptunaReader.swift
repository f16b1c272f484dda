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
                return try StudyRows(source: SQLiteRows(db: db), study: id, name: name, time: time).read()
            }
        }
    }

    /// Checks tables and versions; returns the alembic revision and the library version.
    static func check(_ db: Database, path: String) throws -> (String, String) {
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        var library: String?
        if tables.contains("version_info"), let version = try Row.fetchOne(db, sql: "SELECT schema_version, library_version FROM version_info") {
            library = try Cell(table: "version_info", column: "library_version", value: version[1]).string()
        }
        var revision: String?
        if tables.contains("alembic_version"), let row = try Row.fetchOne(db, sql: "SELECT version_num FROM alembic_version") {
            revision = try Cell(table: "alembic_version", column: "version_num", value: row[0]).string()
        }
        return try OptunaSchema.verify(tables: tables, library: library, revision: revision, place: path, storage: "sqlite:///\(path)")
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
