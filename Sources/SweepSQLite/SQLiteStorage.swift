import Foundation
import GRDB
import SweepCore
import Synchronization

/// Storage in an SQLite file (`sqlite:PATH`): the default, shared safely by every process and
/// thread that opens the same file.
///
/// The file runs in WAL mode with `synchronous = NORMAL`: a call that returned survives a crash
/// of the process (a power loss may drop the last transactions, never corrupt the file). Writers
/// wait for each other (busy timeout) instead of failing, so many workers can share one study.
/// Every write is one `IMMEDIATE` transaction, so trial numbers and the change feed are exact.
public final class SQLiteStorage: Storage {
    /// The database file.
    public let path: String
    let writer: any DatabaseWriter
    /// Study ids known to exist, so hot paths skip the check (`deleteStudy` forgets its id).
    private let knownStudies = Mutex<Set<Int64>>([])

    /// How long a write waits for another process's transaction before it fails.
    public static let busyTimeout: TimeInterval = 30

    /// How the storage connects: one serialized connection, or a writer plus concurrent readers.
    enum Connection: Sendable {
        case queue
        case pool
        /// One serialized connection that cannot write.
        case readOnly
    }

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public convenience init(path: String) throws {
        try self.init(path: path, connection: .queue)
    }

    /// Opens an existing database for reading only: nothing is written, so a read command works
    /// on a file it may not write, and while another process holds the write lock. A file whose
    /// schema is older than this Sweep is brought up to date first (reading it needs that); a
    /// file that is not a Sweep database is refused.
    public convenience init(readingOnly path: String) throws {
        try self.init(path: path, connection: .readOnly)
    }

    init(path: String, connection: Connection) throws {
        self.path = path
        do {
            writer = try Self.open(path: path, configuration: Self.configuration(for: connection), connection: connection)
        } catch {
            throw Self.storageError(error, path: path, doing: "open")
        }
    }

    private static func configuration(for connection: Connection) -> Configuration {
        var config = Configuration()
        config.label = "sweep"
        config.busyMode = .timeout(Self.busyTimeout)
        if connection == .readOnly {
            config.readonly = true
            return config
        }
        config.journalMode = .wal
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return config
    }

    /// Opens the file and migrates it. Switching a new file to WAL mode needs an exclusive lock,
    /// and SQLite reports SQLITE_BUSY at once (without waiting) when another connection is opening
    /// it too, so opening is retried until the busy timeout.
    private static func open(
        path: String, configuration: Configuration, connection: Connection
    ) throws -> any DatabaseWriter {
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                let writer: any DatabaseWriter
                switch connection {
                case .queue: writer = try DatabaseQueue(path: path, configuration: configuration)
                case .pool: writer = try DatabasePool(path: path, configuration: configuration)
                case .readOnly:
                    writer = try DatabaseQueue(path: path, configuration: configuration)
                    switch try writer.read(Schema.state) {
                    case .current: return writer
                    case .notSweep:
                        throw SweepError.invalidArgument("\(path) is not a Sweep database (it has no Sweep tables)")
                    case .older:
                        return try open(path: path, configuration: self.configuration(for: .queue), connection: .queue)
                    case .newer(let unknown):
                        throw Schema.tooNew(unknown)
                    }
                }
                try Schema.migrate(writer)
                return writer
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: .random(in: 0.002...0.02))
            }
        }
    }

    // MARK: - Database access

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`), mapping errors to `SweepError`.
    /// The caller waits without holding a thread: GRDB runs `body` on the writer's own queue, and
    /// waits there for another process's lock (the busy timeout).
    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.write(body)
        } catch {
            throw Self.storageError(error, path: path, doing: "write")
        }
    }

    /// Runs `body` in one read transaction, so it sees one consistent snapshot.
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.unsafeRead { db in
                var result: T?
                try db.inTransaction(.deferred) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw SweepError.storage("a read transaction ended without a result") }
                return result
            }
        } catch {
            throw Self.storageError(error, path: path, doing: "read")
        }
    }

    /// Runs `body` without a transaction: for reads whose statements need no common snapshot.
    func peek<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.unsafeRead(body)
        } catch {
            throw Self.storageError(error, path: path, doing: "read")
        }
    }

    static func storageError(_ error: any Error, path: String, doing action: String) -> any Error {
        switch error {
        case SweepError.schemaTooNew(let message):
            return SweepError.schemaTooNew("\(path): \(message)")
        case let error as SweepError:
            return error
        case let error as DatabaseError:
            let statement = error.sql.map { " (while running: \($0.prefix(80)))" } ?? ""
            if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                return SweepError.storageUnavailable(
                    "\(path): cannot \(action): the database is locked by another connection (waited up to "
                        + "\(Int(busyTimeout)) s)\(statement)")
            }
            if error.resultCode == .SQLITE_READONLY {
                return SweepError.storage(
                    "\(path) is read-only (the file, or the folder that holds it, cannot be written): cannot \(action); "
                        + "commands that only read (trials, show, best, studies, log) work on it")
            }
            return SweepError.storage("\(path): cannot \(action): \(error.message ?? "\(error.resultCode)")\(statement)")
        default:
            return SweepError.storage("\(path): cannot \(action): \(error)")
        }
    }

    // MARK: - Checks shared by the capabilities

    func remember(study id: Int64) {
        knownStudies.withLock { _ = $0.insert(id) }
    }

    func forget(study id: Int64) {
        knownStudies.withLock { _ = $0.remove(id) }
    }

    /// Throws unless the study exists.
    func requireStudy(_ db: Database, _ id: Int64) throws {
        if knownStudies.withLock({ $0.contains(id) }) { return }
        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM study WHERE id = ?"), arguments: [id]) != nil
        else { throw Self.noStudy(id) }
        remember(study: id)
    }

    /// Throws unless the study exists (outside a database access).
    func requireStudy(_ id: Int64) async throws {
        if knownStudies.withLock({ $0.contains(id) }) { return }
        try await peek { db in try self.requireStudy(db, id) }
    }

    func studyName(_ db: Database, _ id: Int64) throws -> String {
        guard let name = try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM study WHERE id = ?"), arguments: [id])
        else { throw Self.noStudy(id) }
        return name
    }

    /// The error for a write to a finished trial.
    func finished(_ db: Database, _ header: TrialHeader) throws -> SweepError {
        .trialFinished(study: try studyName(db, header.studyID), number: header.number, state: header.state)
    }

    static func noStudy(_ id: Int64) -> SweepError { .storage("no study with id \(id)") }
    static func noTrial(_ id: Int64) -> SweepError { .storage("no trial with id \(id)") }
}
