import Foundation
import GRDB
import PostgresNIO
import SweepCore
import SweepPostgres

/// Reads studies from Optuna's RDB schema in PostgreSQL (`optuna.storages.RDBStorage` on a
/// `postgresql://` URL; Optuna 3.x-5.x, alembic `v3.0.0.d` or `v3.2.0.a`), read-only, on one
/// connection. Opening checks the schema as `OptunaReader` does for a SQLite file; the rows of a
/// study are then fetched (`StudyRows.statements`, with enum and time columns cast to text) and
/// put together by the same `StudyRows` code. PostgreSQL keeps Optuna's times as written: UTC
/// from Optuna 5, the writing machine's local time before.
public final class OptunaPostgresReader: OptunaSource {
    public let location: String
    public let revision: String
    public let libraryVersion: String
    private let reading: PostgresReading
    private let time: OptunaTime

    private init(location: String, revision: String, libraryVersion: String, reading: PostgresReading) {
        self.location = location
        self.revision = revision
        self.libraryVersion = libraryVersion
        self.reading = reading
        self.time = OptunaTime(libraryVersion: libraryVersion)
    }

    /// Connects and checks the schema. Throws `invalidArgument` for a malformed URL or a database
    /// without Optuna's tables, `schemaTooNew`, and the storage's errors for a server out of
    /// reach or refusing.
    public static func open(url: String) async throws -> OptunaPostgresReader {
        let location = try PostgresURL(url)
        let reading = try await PostgresReading(url: location)
        do {
            let tables = Set(
                try await reading.rows("SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()")
                    .map { try Self.value($0[0], "information_schema.tables", "table_name").string() })
            var library: String?
            if tables.contains("version_info"), let row = try await reading.rows("SELECT library_version FROM version_info LIMIT 1").first {
                library = try Self.value(row[0], "version_info", "library_version").string()
            }
            var revision: String?
            if tables.contains("alembic_version"), let row = try await reading.rows("SELECT version_num FROM alembic_version LIMIT 1").first {
                revision = try Self.value(row[0], "alembic_version", "version_num").string()
            }
            let (checked, version) = try OptunaSchema.verify(
                tables: tables, library: library, revision: revision, place: "\(location)", storage: "\(location)")
            return OptunaPostgresReader(location: "\(location)", revision: checked, libraryVersion: version, reading: reading)
        } catch {
            await reading.close()
            throw error
        }
    }

    public func studyNames() async throws(SweepError) -> [String] {
        try await guarded {
            try await reading.rows("SELECT study_name FROM studies ORDER BY study_id").map {
                try Self.value($0[0], "studies", "study_name").string()
            }
        }
    }

    public func study(named name: String) async throws(SweepError) -> OptunaStudy {
        try await guarded {
            guard let row = try await reading.rows("SELECT study_id FROM studies WHERE study_name = $1", binds: [name]).first else {
                throw SweepError.unknownStudy(name)
            }
            let id = try Self.value(row[0], "studies", "study_id").int()
            var fetched = FetchedRows()
            for sql in StudyRows.statements(.postgres) {
                let numbered = Self.numbered(sql)
                fetched.rows[sql] = try await reading.rows(numbered, binds: [id]).map { row in
                    try (0..<row.count).map { i throws in try Self.databaseValue(row[i]) }
                }
            }
            return try StudyRows(source: fetched, study: id, name: name, time: time).read()
        }
    }

    public func close() async { await reading.close() }

    /// `?` placeholders as PostgreSQL's `$1` (every one is the study's id).
    static func numbered(_ sql: String) -> String { sql.replacingOccurrences(of: "?", with: "$1") }

    /// A PostgreSQL cell as the value SQLite would hold: integers, floats, text, NULL.
    static func databaseValue(_ cell: PostgresCell) throws -> DatabaseValue {
        guard cell.bytes != nil else { return .null }
        do {
            switch cell.dataType {
            case .int2: return Int64(try cell.decode(Int16.self)).databaseValue
            case .int4: return Int64(try cell.decode(Int32.self)).databaseValue
            case .int8: return try cell.decode(Int64.self).databaseValue
            case .float4: return Double(try cell.decode(Float.self)).databaseValue
            case .float8: return try cell.decode(Double.self).databaseValue
            case .bool: return (try cell.decode(Bool.self) ? 1 : 0).databaseValue
            default: return try cell.decode(String.self).databaseValue
            }
        } catch {
            throw SweepError.corrupt("column \(cell.columnName) holds a value of type \(cell.dataType) that cannot be read: \(error)")
        }
    }

    private static func value(_ cell: PostgresCell, _ table: String, _ column: String) throws -> Cell {
        Cell(table: table, column: column, value: try databaseValue(cell))
    }

    /// Runs `body`, passing `SweepError`s on and naming the database in any other error.
    private func guarded<T>(_ body: () async throws -> T) async throws(SweepError) -> T {
        do {
            return try await body()
        } catch let error as SweepError {
            throw error
        } catch {
            throw .storage("\(location): \(error)")
        }
    }
}

/// Rows fetched ahead from PostgreSQL, answered to `StudyRows` by statement.
private struct FetchedRows: OptunaRowSource {
    var rows: [String: [[DatabaseValue]]] = [:]
    var dialect: OptunaDialect { .postgres }

    func forEachRow(_ sql: String, study: Int, _ each: ([DatabaseValue]) throws -> Void) throws {
        guard let found = rows[sql] else { throw SweepError.storage("internal: the statement \(sql) was not fetched") }
        for row in found { try each(row) }
    }
}
