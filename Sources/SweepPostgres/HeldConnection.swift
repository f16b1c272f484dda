import PostgresNIO
import Synchronization

/// One connection the storage keeps for itself, outside its pool, so that a caller that runs one
/// call after another (the CLI, a process with one worker) skips leasing a pooled connection each
/// time (about 90 µs a call, measured in docs/benchmarks.md §10).
///
/// At most one call uses it at a time: `take()` hands it to the first caller and nil to callers
/// that come while it is in use (they go through the pool), so statements of two calls never mix
/// on it. A connection that broke is dropped (`give(_:broken:)`), and a new one is opened in the
/// background after the next `take()` finds none; until it is open, calls use the pool.
final class HeldConnection: Sendable {
    private enum State {
        /// None open; the next `take()` starts opening one.
        case none
        /// Being opened in the background.
        case opening
        /// Open and free.
        case free(PostgresConnection)
        /// Handed to a caller.
        case taken
        /// The storage closed: nothing is opened any more.
        case closed
    }

    private let state = Mutex(State.none)
    private let connect: @Sendable () async throws -> PostgresConnection

    /// `connect` opens a connection like the pool's (same server, TLS mode and timeouts).
    init(connect: @escaping @Sendable () async throws -> PostgresConnection) {
        self.connect = connect
    }

    /// The connection when it is open and free (the caller must `give` it back), else nil.
    func take() -> PostgresConnection? {
        let (connection, open) = state.withLock { state -> (PostgresConnection?, Bool) in
            switch state {
            case .free(let connection):
                state = .taken
                return (connection, false)
            case .none:
                state = .opening
                return (nil, true)
            case .opening, .taken, .closed:
                return (nil, false)
            }
        }
        if open { startOpening() }
        return connection
    }

    /// Gives back a connection `take()` handed out; one that is `broken` (or has closed) is
    /// closed and dropped.
    func give(_ connection: PostgresConnection, broken: Bool) {
        let keep = !broken && !connection.isClosed
        let kept = state.withLock { state -> Bool in
            guard case .taken = state else { return false }
            state = keep ? .free(connection) : .none
            return keep
        }
        if !kept { Self.closeLater(connection) }
    }

    /// Closes the connection (now if free, when given back if taken) and opens no other.
    func close() async {
        let free = state.withLock { state -> PostgresConnection? in
            defer { state = .closed }
            if case .free(let connection) = state { return connection }
            return nil
        }
        try? await free?.close()
    }

    private func startOpening() {
        Task { [connect] in
            let connection = try? await connect()
            let kept = state.withLock { state -> Bool in
                guard case .opening = state else { return false }
                state = connection.map(State.free) ?? .none
                return connection != nil
            }
            if !kept, let connection { try? await connection.close() }
        }
    }

    private static func closeLater(_ connection: PostgresConnection) {
        Task { try? await connection.close() }
    }

    deinit {
        if case .free(let connection) = state.withLock({ $0 }) { Self.closeLater(connection) }
    }
}
