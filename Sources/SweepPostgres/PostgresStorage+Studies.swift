import Foundation
import PostgresNIO
import SweepCore

// Studies: create, look up, list with summaries, attributes and notes.
extension PostgresStorage {
    public func createStudy(_ config: StudyConfig) async throws -> StudyRecord {
        let created = Columns.stored(Date())
        let configText = try JSONColumn.encode(config)
        let spaceText = try JSONColumn.encode(StoredSpace(config.space))
        let id = try await write("create study '\(config.name)'") { sql -> Int64? in
            // The unique name decides between processes creating the same study at once.
            try await sql.first(
                """
                INSERT INTO study (name, config, space, created)
                VALUES (\(config.name), \(configText), \(spaceText), \(Columns.time(created)))
                ON CONFLICT (name) DO NOTHING RETURNING id
                """
            ).map { try Columns.decode($0, Int64.self, "study.id") }
        }
        guard let id else { throw SweepError.duplicateStudy(config.name) }
        remember(study: id)
        expectNumber(0, study: id)
        return StudyRecord(id: id, config: config, created: created)
    }

    public func study(named name: String) async throws -> StudyRecord {
        let record = try await read("read study '\(name)'") { sql in
            guard let row = try await StudyRow.fetch(sql, name: name) else { throw SweepError.unknownStudy(name) }
            return try row.record(notes: try await NoteRow.studyNotes(sql, study: row.id))
        }
        remember(study: record.id)
        return record
    }

    public func studies() async throws -> [StudySummary] {
        try await read("list studies") { sql in
            let rows = try await StudyRow.fetchAll(sql)
            var counts: [Int64: [TrialState: Int]] = [:]
            for row in try await sql.rows("SELECT study_id, state, count(*) FROM trial GROUP BY study_id, state") {
                let (study, state, count) = try Columns.decode(row, (Int64, String, Int).self, table: "trial")
                counts[study, default: [:]][try Columns.state(state)] = count
            }
            let notes = try await NoteRow.allStudyNotes(sql)
            let highest = try await Self.best(sql, order: "DESC")
            let lowest = try await Self.best(sql, order: "ASC")
            return try rows.map { row in
                let record = try row.record(notes: notes[row.id] ?? [])
                let best = record.config.direction == .maximize ? highest[row.id] : lowest[row.id]
                return StudySummary(
                    record: record, counts: counts[row.id] ?? [:], best: best?.value, bestNumber: best?.number)
            }
        }
    }

    /// Per study, the complete trial with the highest (`DESC`) or lowest (`ASC`) value, the lowest
    /// number on ties; NaN never wins (PostgreSQL sorts NaN above every number, so it is left out).
    private static func best(_ sql: SQL, order: String) async throws -> [Int64: (number: Int, value: Double)] {
        let rows = try await sql.rows(
            """
            SELECT DISTINCT ON (study_id) study_id, number, value FROM trial
            WHERE state = 'complete' AND value IS NOT NULL AND value <> 'NaN'::float8
            ORDER BY study_id, value \(unescaped: order), number
            """)
        var best: [Int64: (number: Int, value: Double)] = [:]
        for row in rows {
            let (study, number, value) = try Columns.decode(row, (Int64, Int, Double).self, table: "trial")
            best[study] = (number, value)
        }
        return best
    }

    public func setStudyAttribute(study: Int64, key: String, value: JSONValue, system: Bool) async throws {
        let column = system ? "system_attributes" : "user_attributes"
        let valueText = try JSONColumn.encode(value: value)
        try await write("set an attribute of study \(study)") { sql in
            guard var locked = try await LockedStudy.lock(sql, study: study) else { throw Self.noStudy(study) }
            guard let row = try await sql.first("SELECT \(unescaped: column) FROM study WHERE id = \(study)") else {
                throw Self.noStudy(study)
            }
            var attributes = try JSONColumn.attributes(
                try Columns.decode(row, String.self, "study.\(column)"), column: "study.\(column)")
            attributes[key] = value
            try await sql.run(
                "UPDATE study SET \(unescaped: column) = \(try JSONColumn.encode(attributes: attributes)) WHERE id = \(study)")
            if system {
                locked.append(FeedRow(kind: .studyAttribute, key: key, value: valueText))
                try await locked.save(sql)
            }
        }
    }

    public func addStudyNote(study: Int64, note: Note) async throws {
        let added = try await write("add a note to study \(study)") { sql in
            try await sql.first(
                """
                INSERT INTO note (study_id, trial_id, time, text)
                SELECT id, NULL, \(Columns.time(note.time)), \(note.text) FROM study WHERE id = \(study) RETURNING id
                """) != nil
        }
        guard added else { throw Self.noStudy(study) }
    }
}
