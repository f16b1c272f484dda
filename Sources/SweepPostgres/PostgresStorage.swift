import Foundation
import Logging
import PostgresNIO
import SweepCore
import Synchronization

/// Storage in a PostgreSQL database (`postgres://user[:password]@host[:port]/database`): one study
/// shared by any number of workers on any number of machines.
///
/// Opening connects once (so a wrong host, password or database fails at once, naming it) and
/// brings the schema up to date (`Migrator`); then a pool of connections (`PostgresClient`, whose
/// `run()` a task of the storage drives) serves every call, except that a call made while no other
/// runs uses one connection the storage holds (`HeldConnection`), which saves leasing one. Every
/// write is one transaction, and the rules of `Storage` hold across processes:
/// - a study's trial numbers and feed positions are taken while its row is locked (`LockedStudy`),
///   so numbers have no gaps, claims never overshoot the target, and feed positions commit in order
///   (PostgreSQL does not commit in id order, so an autoincrement id would not do);
/// - heartbeats and staleness are the database's clock (`Schema.now`);
/// - a transaction that PostgreSQL rolled back (a deadlock, a serialization failure, a connection
///   lost before `COMMIT`) is run again, with its `TrialDraw` called again; a connection lost
///   during `COMMIT` is `SweepError.storageUnavailable`, as is a server that is restarting or out
///   of reach, so that callers that wait (`sweep run`) retry.
///
/// Call `close()` when done; a storage that is dropped without it stops its pool too.
public final class PostgresStorage: Storage {
    /// Where the storage lives (its description hides the password).
    public let url: PostgresURL
    let client: PostgresClient
    /// The connection sequential calls use instead of leasing one from `client`.
    private let held: HeldConnection
    private let running: Task<Void, Never>
    private let settings: ConnectionSettings
    /// Opening: connecting once and migrating. Every call awaits it first; when it failed
    /// because the server was out of reach, the next call opens again.
    private let opening: Mutex<Task<Void, any Error>>
    /// Study ids known to exist, so empty reads skip the check (`deleteStudy` forgets its id).
    private let knownStudies = Mutex<Set<Int64>>([])
    /// Each study's next trial number as this storage last saw it committed with no trial
    /// waiting: what a claim in one statement expects (`claimAtOnce`); a wrong guess costs that
    /// statement and a draw, nothing else.
    let nextNumbers = Mutex<[Int64: Int]>([:])

    /// How many times a transaction that PostgreSQL rolled back is tried in all.
    static let attempts = 6

    /// Opens the database at `url` (see `PostgresURL`) and brings its schema up to date.
    ///
    /// - Throws: `SweepError.invalidArgument` for a malformed URL, `SweepError.storageUnavailable`
    ///   when the server cannot be reached, `SweepError.storage` when it refuses the user or has no
    ///   such database, or the schema is newer than this build.
    public convenience init(url: String) async throws {
        try await self.init(location: try PostgresURL(url))
    }

    /// Opens the database at `location` and brings its schema up to date, as `init(url:)`.
    public convenience init(location: PostgresURL, maximumConnections: Int = 20) async throws {
        try self.init(connecting: location, maximumConnections: maximumConnections)
        try await ready()
    }

    /// Starts opening the database at `location` and returns at once, for callers that cannot
    /// wait here (a command that opens its storage before anything is asynchronous): the first
    /// call waits until the schema is up to date, and every call throws what opening threw.
    ///
    /// - Throws: `SweepError.storage` only when TLS cannot be set up.
    public init(connecting location: PostgresURL, maximumConnections: Int = 20) throws {
        url = location
        let settings = try ConnectionSettings(location)
        self.settings = settings
        opening = Mutex(Self.open(settings))
        var configuration = settings.client
        configuration.options.maximumConnections = max(1, maximumConnections)
        let client = PostgresClient(configuration: configuration, backgroundLogger: ConnectionSettings.quiet)
        self.client = client
        held = HeldConnection { try await settings.connection() }
        running = Task { await client.run() }
    }

    private static func open(_ settings: ConnectionSettings) -> Task<Void, any Error> {
        Task {
            do {
                try await Migrator.migrate(settings.connection(), url: settings.location)
            } catch {
                throw PostgresFailure.map(error, url: settings.location, doing: "open the database")
            }
        }
    }

    /// Waits until the database is open; throws what opening threw.
    private func ready() async throws {
        let task = opening.withLock { $0 }
        do {
            try await task.value
        } catch let error as SweepError {
            if case .storageUnavailable = error {
                opening.withLock { if $0 == task { $0 = Self.open(settings) } }
            }
            throw error
        }
    }

    /// Closes every connection and waits until they are closed. Calls after it throw.
    public func close() async {
        await held.close()
        running.cancel()
        await running.value
    }

    deinit {
        opening.withLock { $0.cancel() }
        running.cancel()
    }

    // MARK: - Database access

    /// Runs `body` in one transaction (`BEGIN` … `COMMIT`) on a pooled connection, mapping errors
    /// to `SweepError`. When PostgreSQL rolls the transaction back by itself (deadlock,
    /// serialization failure, lock timeout, connection lost before `COMMIT`), `body` runs again
    /// on a fresh transaction, up to `attempts` times; `SweepError`s and errors of `body`'s own
    /// (a `TrialDraw`'s) are rethrown as they are.
    func write<T: Sendable>(_ action: String, _ body: (SQL) async throws -> T) async throws -> T {
        try await attempting(action, again: PostgresFailure.wasRolledBack) { sql in try await sql.transaction(body) }
    }

    /// Runs `body`, one statement that commits alone and must not run twice, outside a
    /// transaction: retried like `write` when it certainly did not run (PostgreSQL rolled it back,
    /// or the connection was gone before it was sent); a connection that broke while it ran is
    /// `SweepError.storageUnavailable`, since whether it took effect is then unknown.
    func writeAlone<T: Sendable>(_ action: String, _ body: (SQL) async throws -> T) async throws -> T {
        try await attempting(action, again: PostgresFailure.wasRolledBack) { sql in
            do {
                return try await body(sql)
            } catch where PostgresFailure.leftUnknown(error) {
                throw CommitFailure(underlying: error)
            }
        }
    }

    /// Runs `body` outside a transaction (each statement commits on its own): for reads, and for
    /// single statements that may run twice with the same result. Retried like `write`, and also
    /// when the connection broke in the middle of it.
    func read<T: Sendable>(_ action: String, _ body: (SQL) async throws -> T) async throws -> T {
        try await attempting(action, again: PostgresFailure.mayRetryIdempotent, body)
    }

    /// Runs `body` on a pooled connection once the database is open, again (after a backoff, up
    /// to `attempts` times in all) while `again` says its error may pass, and maps what it
    /// finally throws to `SweepError`.
    private func attempting<T: Sendable>(
        _ action: String, again: (any Error) -> Bool, _ body: (SQL) async throws -> T
    ) async throws -> T {
        try await ready()
        var attempt = 1
        while true {
            do {
                // The first attempt takes the held connection when it is free; a retry (after
                // it broke, say) and a concurrent call go through the pool.
                if attempt == 1, let connection = held.take() {
                    do {
                        let value = try await body(SQL(connection))
                        held.give(connection, broken: false)
                        return value
                    } catch {
                        held.give(connection, broken: PostgresFailure.brokeTheConnection(error))
                        throw error
                    }
                }
                return try await client.withConnection { connection in try await body(SQL(connection)) }
            } catch {
                if attempt < Self.attempts, again(error) {
                    try await Self.backOff(attempt)
                    attempt += 1
                    continue
                }
                throw PostgresFailure.map(error, url: url, doing: action)
            }
        }
    }

    /// Waits before attempt `attempt + 1`: 20 ms doubling to at most 1 s, with jitter.
    private static func backOff(_ attempt: Int) async throws {
        let base = min(1.0, 0.02 * Double(1 << min(attempt, 10)))
        try await Task.sleep(for: .seconds(base * Double.random(in: 0.5...1.0)))
    }

    // MARK: - Checks shared by the capabilities

    func remember(study id: Int64) {
        knownStudies.withLock { _ = $0.insert(id) }
    }

    func forget(study id: Int64) {
        knownStudies.withLock { _ = $0.remove(id) }
    }

    /// Notes that study `id`'s next trial number was `number` at a commit this storage saw with
    /// no trial waiting; nil forgets it (a trial may wait, or the number is unknown).
    func expectNumber(_ number: Int?, study id: Int64) {
        nextNumbers.withLock { $0[id] = number }
    }

    func isKnown(study id: Int64) -> Bool {
        knownStudies.withLock { $0.contains(id) }
    }

    /// Throws unless the study exists.
    func requireStudy(_ sql: SQL, _ id: Int64) async throws {
        if isKnown(study: id) { return }
        guard try await sql.first("SELECT 1 FROM study WHERE id = \(id)") != nil else { throw Self.noStudy(id) }
        remember(study: id)
    }

    /// The study's name; throws when there is no such study.
    func studyName(_ sql: SQL, _ id: Int64) async throws -> String {
        guard let row = try await sql.first("SELECT name FROM study WHERE id = \(id)") else { throw Self.noStudy(id) }
        return try Columns.decode(row, String.self, "study.name")
    }

    /// The error for a write to a finished trial (read after the write found it finished).
    func finishedError(_ sql: SQL, trial id: Int64) async throws -> SweepError {
        guard let header = try await TrialHeader.fetch(sql, id: id) else { return Self.noTrial(id) }
        return .trialFinished(study: try await studyName(sql, header.studyID), number: header.number, state: header.state)
    }

    static func noStudy(_ id: Int64) -> SweepError { .storage("no study with id \(id)") }
    static func noTrial(_ id: Int64) -> SweepError { .storage("no trial with id \(id)") }
}
