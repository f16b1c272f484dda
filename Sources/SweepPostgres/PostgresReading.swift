import Foundation
import PostgresNIO
import SweepCore

/// One plain connection to a PostgreSQL database for reading tables Sweep does not own (an
/// Optuna study's, for `sweep import optuna`), made and failing as the storage's connections
/// do: the URL's TLS mode and timeouts, and errors that name the server and what it said.
/// Nothing is migrated or written.
public struct PostgresReading: Sendable {
    public let url: PostgresURL
    let connection: PostgresConnection

    /// Connects; throws `SweepError` (`storageUnavailable` when the server is out of reach,
    /// `storage` when it refuses the user or has no such database).
    public init(url: PostgresURL) async throws {
        self.url = url
        do {
            connection = try await ConnectionSettings(url).connection()
        } catch {
            throw PostgresFailure.map(error, url: url, doing: "connect")
        }
    }

    /// Every row of `sql`, with `$1`, `$2`, ... bound to `binds`, as its cells.
    public func rows(_ sql: String, binds: [any PostgresEncodable & Sendable] = []) async throws -> [PostgresRandomAccessRow] {
        var bindings = PostgresBindings()
        for value in binds { try bindings.append(value) }
        do {
            return try await SQL(connection).rows(PostgresQuery(unsafeSQL: sql, binds: bindings)).map { $0.makeRandomAccess() }
        } catch {
            throw PostgresFailure.map(error, url: url, doing: "read")
        }
    }

    /// Closes the connection.
    public func close() async {
        try? await connection.close()
    }
}
