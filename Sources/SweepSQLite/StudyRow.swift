import Foundation
import GRDB
import SweepCore

/// A row of `study`.
struct StudyRow: FetchableRecord {
    static let columns = "id, name, config, space, user_attributes, system_attributes, created"

    var id: Int64
    var name: String
    /// `StudyConfig` as JSON; its space is read from `space`, which keeps parameter types exactly.
    var config: String
    var space: String
    var userAttributes: String
    var systemAttributes: String
    var created: Double

    init(row: Row) throws {
        id = try row.decode(atIndex: 0)
        name = try row.decode(atIndex: 1)
        config = try row.decode(atIndex: 2)
        space = try row.decode(atIndex: 3)
        userAttributes = try row.decode(atIndex: 4)
        systemAttributes = try row.decode(atIndex: 5)
        created = try row.decode(atIndex: 6)
    }

    /// The row for a new study (its `id` is assigned on insert).
    init(config: StudyConfig, created: Date) throws {
        id = 0
        name = config.name
        self.config = try JSONColumn.encode(config)
        space = try JSONColumn.encode(StoredSpace(config.space))
        userAttributes = JSONColumn.emptyObject
        systemAttributes = JSONColumn.emptyObject
        self.created = Columns.time(created)
    }

    func insert(_ db: Database) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO study (name, config, space, user_attributes, system_attributes, created)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [name, config, space, userAttributes, systemAttributes, created])
        return db.lastInsertedRowID
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
}
