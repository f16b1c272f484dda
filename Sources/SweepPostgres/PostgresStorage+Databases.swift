import Foundation
import PostgresNIO
import SweepCore

// Creating and dropping whole databases on a server: for tests and benchmarks that want a fresh
// database each, and for tools that set a study database up.
extension PostgresStorage {
    /// Creates the database `name` on the server of `server` (connecting to `server`'s own
    /// database to do it).
    ///
    /// - Throws: `SweepError.invalidArgument` for an empty name or one with a NUL character,
    ///   `SweepError.storage` when it exists or the user may not create databases.
    public static func createDatabase(_ name: String, on server: PostgresURL) async throws {
        try await administer(server, doing: "create database '\(name)'", "CREATE DATABASE \(try quoted(name))")
    }

    /// Drops the database `name` on the server of `server`, ending its sessions first; nothing
    /// happens when there is no such database.
    public static func dropDatabase(_ name: String, on server: PostgresURL) async throws {
        try await administer(server, doing: "drop database '\(name)'", "DROP DATABASE IF EXISTS \(try quoted(name)) WITH (FORCE)")
    }

    private static func administer(_ server: PostgresURL, doing action: String, _ statement: String) async throws {
        do {
            let connection = try await ConnectionSettings(server).connection()
            do {
                try await SQL(connection).run(PostgresQuery(unsafeSQL: statement))
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        } catch {
            throw PostgresFailure.map(error, url: server, doing: action)
        }
    }

    /// `name` as a quoted SQL identifier.
    static func quoted(_ name: String) throws -> String {
        guard !name.isEmpty, !name.contains("\u{0}") else {
            throw SweepError.invalidArgument("a database name must be non-empty and without NUL characters, got '\(name)'")
        }
        return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
