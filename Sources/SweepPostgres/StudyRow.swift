import Foundation
import PostgresNIO
import SweepCore

/// A row of `study` (its configuration and attributes; `trial_count` and `feed_seq` are
/// `LockedStudy`'s).
struct StudyRow: Sendable {
    static let columns = "id, name, config, space, user_attributes, system_attributes, created"

    var id: Int64
    var name: String
    /// `StudyConfig` as JSON; its space is read from `space`, which keeps parameter types exactly.
    var config: String
    var space: String
    var userAttributes: String
    var systemAttributes: String
    var created: Double

    init(_ row: PostgresRow) throws {
        (id, name, config, space, userAttributes, systemAttributes, created) = try Columns.decode(
            row, (Int64, String, String, String, String, String, Double).self, table: "study")
    }

    func record(notes: [Note]) throws -> StudyRecord {
        var studyConfig = try JSONColumn.decode(StudyConfig.self, from: config, column: "study.config")
        studyConfig.space = try JSONColumn.decode(StoredSpace.self, from: space, column: "study.space").space()
        studyConfig.name = name
        return StudyRecord(
            id: id, config: studyConfig,
            userAttributes: try JSONColumn.attributes(userAttributes, column: "study.user_attributes"),
            systemAttributes: try JSONColumn.attributes(systemAttributes, column: "study.system_attributes"),
            notes: notes, created: Columns.date(created))
    }

    static func fetch(_ sql: SQL, name: String) async throws -> StudyRow? {
        try await sql.first("SELECT \(unescaped: columns) FROM study WHERE name = \(name)").map(StudyRow.init)
    }

    static func fetchAll(_ sql: SQL) async throws -> [StudyRow] {
        try await sql.rows("SELECT \(unescaped: columns) FROM study ORDER BY id").map(StudyRow.init)
    }
}
