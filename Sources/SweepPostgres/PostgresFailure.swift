import PostgresNIO
import SweepCore

/// What a failure of PostgreSQL, of the network or of the pool means for a caller, as
/// `SweepError` values: out of reach or busy (`storageUnavailable`, which callers that wait
/// retry), or a problem a retry does not fix (`storage`, naming the server and what it said).
enum PostgresFailure {
    /// SQLSTATEs after which PostgreSQL has rolled the transaction back and running it again may
    /// succeed: serialization failure, deadlock, lock timeout.
    static let rolledBackStates: Set<String> = ["40001", "40P01", "55P03"]

    /// SQLSTATEs that mean the server is going away, starting, or out of room: admin shutdown,
    /// crash shutdown, cannot connect now, too many connections, out of memory or disk, idle in
    /// transaction too long, and every connection exception (class 08).
    static let unavailableStates: Set<String> = ["57P01", "57P02", "57P03", "53300", "53200", "53100", "25P03", "57014"]

    /// True when the transaction certainly did not commit and running it again may succeed: a
    /// rolled-back state, or a connection that broke or could not be made before `COMMIT` was sent.
    static func wasRolledBack(_ error: any Error) -> Bool {
        if let failure = error as? CommitFailure {
            // Only a COMMIT that never left (the connection had closed) certainly did not commit.
            return failure.underlying is ConnectionClosed
        }
        if let state = sqlState(error) { return rolledBackStates.contains(state) || isUnavailableState(state) }
        return isConnectionFailure(error)
    }

    /// True when a statement that may run twice (a read, a report, a heartbeat) should run again.
    static func mayRetryIdempotent(_ error: any Error) -> Bool {
        if let failure = error as? CommitFailure { return mayRetryIdempotent(failure.underlying) }
        return wasRolledBack(error)
    }

    /// True when a statement that commits alone failed without the server saying so (the
    /// connection broke while it ran), so whether it committed is unknown.
    static func leftUnknown(_ error: any Error) -> Bool {
        !(error is ConnectionClosed) && sqlState(error) == nil && isConnectionFailure(error)
    }

    /// True when `error` means the connection is gone (nothing more can be sent on it).
    static func brokeTheConnection(_ error: any Error) -> Bool {
        isConnectionFailure(error) || sqlState(error) == "25P03"
    }

    static func isUniqueViolation(_ error: any Error) -> Bool { sqlState(error) == "23505" }

    /// The error a caller sees for `error`, raised while the storage at `url` tried to `doing`.
    /// `SweepError`s, and errors that are not the database's (a `TrialDraw`'s own), pass unchanged.
    static func map(_ error: any Error, url: PostgresURL, doing action: String) -> any Error {
        let place = "\(url.host):\(url.port)"
        switch error {
        case let error as SweepError:
            return error
        case let failure as CommitFailure:
            let mapped = map(failure.underlying, url: url, doing: action)
            if case .storageUnavailable(let message) = mapped as? SweepError {
                return SweepError.storageUnavailable(
                    "\(message) (while committing: the change may or may not have been stored)")
            }
            return mapped
        case let error as PSQLError:
            return map(error, url: url, place: place, doing: action)
        case _ where poolFailure(error) == "connectionCreationCircuitBreakerTripped":
            return SweepError.storageUnavailable(
                "cannot \(action): no connection to PostgreSQL at \(place) could be made for 60 s")
        case _ where poolFailure(error) == "poolShutdown":
            return SweepError.storage("cannot \(action): the storage \(url) is closed")
        case _ where poolFailure(error) != nil:
            return SweepError.storageUnavailable("cannot \(action): \(place): \(error)")
        case let error as PostgresDecodingError:
            return SweepError.storage("cannot \(action): \(url): a value could not be read: \(error)")
        default:
            if isConnectionFailure(error) {
                return SweepError.storageUnavailable("cannot \(action): PostgreSQL at \(place) is out of reach: \(error)")
            }
            return error
        }
    }

    private static func map(_ error: PSQLError, url: PostgresURL, place: String, doing action: String) -> any Error {
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? "?"
            let message = error.serverInfo?[.message] ?? "no message"
            let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
            let said = "PostgreSQL at \(place) said: \(message)\(detail) [SQLSTATE \(state)]"
            if rolledBackStates.contains(state) {
                return SweepError.storageUnavailable("cannot \(action): the database is busy; \(said)")
            }
            if isUnavailableState(state) { return SweepError.storageUnavailable("cannot \(action): \(said)") }
            switch state {
            case "3D000":
                return SweepError.storage(
                    "database '\(url.database)' does not exist on \(place); create it "
                        + "(createdb -h \(url.host) -p \(url.port) -U \(url.user) \(url.database)) or name another")
            case "28P01", "28000":
                return SweepError.storage(
                    "PostgreSQL at \(place) refused user '\(url.user)': \(message); check the user and the password "
                        + "(in the URL or PGPASSWORD)")
            case "42501":
                return SweepError.storage("cannot \(action): user '\(url.user)' lacks a privilege: \(said)")
            default:
                return SweepError.storage("cannot \(action): \(said)")
            }
        case .authMechanismRequiresPassword:
            return SweepError.storage(
                "PostgreSQL at \(place) wants a password for user '\(url.user)'; put it in the URL "
                    + "(postgres://user:password@...) or in PGPASSWORD")
        case .sslUnsupported:
            return SweepError.storage(
                "PostgreSQL at \(place) does not offer TLS, which sslmode=\(url.sslMode.rawValue) requires; "
                    + "use sslmode=prefer or sslmode=disable")
        case .saslError, .unsupportedAuthMechanism:
            return SweepError.storage("PostgreSQL at \(place) refused user '\(url.user)': \(error.code) \(underlying(error))")
        case .poolClosed:
            return SweepError.storage("cannot \(action): the storage \(url) is closed")
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .queryCancelled:
            return SweepError.storageUnavailable(
                "cannot \(action): the connection to PostgreSQL at \(place) failed (\(error.code)\(underlying(error)))")
        default:
            return SweepError.storage("cannot \(action): \(place): \(error.code)\(underlying(error))")
        }
    }

    /// The case of a connection pool error (`ConnectionPoolError`, which PostgresNIO throws from
    /// its pool but declares in a module it does not export), or nil for any other error.
    private static func poolFailure(_ error: any Error) -> String? {
        guard String(reflecting: type(of: error)).hasSuffix(".ConnectionPoolError") else { return nil }
        let text = String(reflecting: error)
        for name in ["connectionCreationCircuitBreakerTripped", "poolShutdown", "requestCancelled"] where text.contains(name) {
            return name
        }
        return "unknown"
    }

    private static func underlying(_ error: PSQLError) -> String {
        error.underlying.map { ": \($0)" } ?? ""
    }

    private static func sqlState(_ error: any Error) -> String? {
        guard let error = error as? PSQLError, error.code == .server else { return nil }
        return error.serverInfo?[.sqlState]
    }

    private static func isUnavailableState(_ state: String) -> Bool {
        unavailableStates.contains(state) || state.hasPrefix("08")
    }

    /// A connection that could not be made or broke (refused, reset, closed by the server). The
    /// pool giving up after trying for a minute is not retried here: it has waited already.
    private static func isConnectionFailure(_ error: any Error) -> Bool {
        switch error {
        case let error as PSQLError:
            switch error.code {
            // A connection closing (the server ended it) refuses new statements as clientClosedConnection.
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown: return true
            case .server: return sqlState(error).map(isUnavailableState) ?? false
            default: return false
            }
        case is ConnectionClosed, is IOError, is ChannelError, is NIOConnectionError:
            return true
        default:
            return false
        }
    }
}
