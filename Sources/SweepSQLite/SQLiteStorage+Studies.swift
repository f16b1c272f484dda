import Foundation
import GRDB
import SweepCore

// Studies: create, look up, list with summaries, attributes and notes.
extension SQLiteStorage {
    public func createStudy(_ config: StudyConfig) async throws -> StudyRecord {
        let created = Columns.stored(Date())
        let row = try StudyRow(config: config, created: created)
        let id = try await write { db in
            let taken = try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM study WHERE name = ?"), arguments: [config.name])
            guard taken == nil else { throw SweepError.duplicateStudy(config.name) }
            return try row.insert(db)
        }
        remember(study: id)
        return StudyRecord(id: id, config: config, created: created)
    }

    public func study(named name: String) async throws -> StudyRecord {
        let record = try await read { db in
            let statement = try db.cachedStatement(sql: "SELECT \(StudyRow.columns) FROM study WHERE name = ?")
            guard let row = try StudyRow.fetchOne(statement, arguments: [name]) else {
                throw SweepError.unknownStudy(name)
            }
            return try row.record(notes: try NoteRow.studyNotes(db, study: row.id))
        }
        remember(study: record.id)
        return record
    }

    public func studies() async throws -> [StudySummary] {
        try await read { db in
            var counts: [Int64: [TrialState: Int]] = [:]
            let countRows = try Row.fetchCursor(
                db.cachedStatement(sql: "SELECT study_id, state, COUNT(*) FROM trial GROUP BY study_id, state"))
            while let row = try countRows.next() {
                let study: Int64 = try row.decode(atIndex: 0)
                counts[study, default: [:]][try TrialRow.state(try row.decode(atIndex: 1))] = try row.decode(atIndex: 2)
            }
            let rows = try StudyRow.fetchAll(db.cachedStatement(sql: "SELECT \(StudyRow.columns) FROM study ORDER BY id"))
            return try rows.map { row in
                let record = try row.record(notes: try NoteRow.studyNotes(db, study: row.id))
                let best = try Self.best(db, study: row.id, direction: record.config.direction)
                return StudySummary(
                    record: record, counts: counts[row.id] ?? [:], best: best?.value, bestNumber: best?.number)
            }
        }
    }

    /// The complete trial with the best number value (the lowest number on ties); NaN never wins.
    private static func best(_ db: Database, study: Int64, direction: Direction) throws -> (number: Int, value: Double)? {
        let order = direction == .maximize ? "DESC" : "ASC"
        let statement = try db.cachedStatement(
            sql: """
                SELECT number, value FROM trial
                WHERE study_id = ? AND state = 'complete' AND typeof(value) IN ('real', 'integer')
                ORDER BY value \(order), number LIMIT 1
                """)
        guard let row = try Row.fetchOne(statement, arguments: [study]) else { return nil }
        return (try row.decode(atIndex: 0), try row.decode(atIndex: 1))
    }

    public func setStudyAttribute(study: Int64, key: String, value: JSONValue, system: Bool) async throws {
        let column = system ? "system_attributes" : "user_attributes"
        let valueText = try JSONColumn.encode(value: value)
        try await write { db in
            let current = try String.fetchOne(
                db.cachedStatement(sql: "SELECT \(column) FROM study WHERE id = ?"), arguments: [study])
            guard let current else { throw Self.noStudy(study) }
            var attributes = try JSONColumn.attributes(current, column: "study.\(column)")
            attributes[key] = value
            try db.cachedStatement(sql: "UPDATE study SET \(column) = ? WHERE id = ?")
                .execute(arguments: [try JSONColumn.encode(attributes: attributes), study])
            if system {
                try FeedRow.append(db, study: study, kind: .studyAttribute, key: key, value: valueText)
            }
        }
    }

    public func addStudyNote(study: Int64, note: Note) async throws {
        try await write { [self] db in
            try requireStudy(db, study)
            try NoteRow.insert(db, study: study, trial: nil, note: note)
        }
    }
}
