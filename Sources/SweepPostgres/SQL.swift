import PostgresNIO

/// One leased connection, with the few ways the storage runs statements on it. Values
/// interpolated into a query (`"... WHERE id = \(id)"`) are bound parameters, never SQL text.
struct SQL {
    let connection: PostgresConnection

    init(_ connection: PostgresConnection) {
        self.connection = connection
    }

    /// Every row the statement returns.
    ///
    /// A statement is never written to a connection that has closed: PostgresNIO would drop it
    /// without an answer, and the caller would wait forever.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        guard !connection.isClosed else { throw ConnectionClosed() }
        return try await connection.query(query, logger: connection.logger).collect()
    }

    /// Every row a prepared statement returns (prepared on this connection at its first use).
    func rows(_ statement: some RowStatement) async throws -> [PostgresRow] {
        guard !connection.isClosed else { throw ConnectionClosed() }
        var rows: [PostgresRow] = []
        for try await row in try await connection.execute(statement, logger: connection.logger) { rows.append(row) }
        return rows
    }

    /// The first row the statement returns, or nil.
    func first(_ query: PostgresQuery) async throws -> PostgresRow? {
        try await rows(query).first
    }

    /// Runs a statement and waits until the server has finished it.
    func run(_ query: PostgresQuery) async throws {
        _ = try await rows(query)
    }

    /// Runs `body` between `BEGIN` and `COMMIT`; rolls back when it throws. A failed `COMMIT`
    /// is rethrown as `CommitFailure`, since whether it took effect is then unknown.
    nonisolated(nonsending) func transaction<T>(_ body: (SQL) async throws -> T) async throws -> T {
        try await run("BEGIN")
        let value: T
        do {
            value = try await body(self)
        } catch {
            // After a broken connection the server has rolled back already; a ROLLBACK written
            // to it would never be answered.
            if !connection.isClosed, !PostgresFailure.brokeTheConnection(error) { try? await run("ROLLBACK") }
            throw error
        }
        do {
            try await run("COMMIT")
        } catch {
            throw CommitFailure(underlying: error)
        }
        return value
    }
}

/// The connection had closed before a statement was sent (so nothing of it ran).
struct ConnectionClosed: Error, CustomStringConvertible {
    var description: String { "the connection had closed" }
}

/// `COMMIT` failed: the transaction may or may not have been stored.
struct CommitFailure: Error {
    var underlying: any Error
}
