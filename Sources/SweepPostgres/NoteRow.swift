import Foundation
import PostgresNIO
import SweepCore

/// Rows of `note`: a study's notes when `trial_id` is NULL, else a trial's; oldest first.
enum NoteRow {
    static func insert(_ sql: SQL, study: Int64, trial: Int64?, note: Note) async throws {
        try await sql.run(
            "INSERT INTO note (study_id, trial_id, time, text) VALUES (\(study), \(trial), \(Columns.time(note.time)), \(note.text))")
    }

    /// A study's own notes (not its trials').
    static func studyNotes(_ sql: SQL, study: Int64) async throws -> [Note] {
        try await sql.rows("SELECT time, text FROM note WHERE study_id = \(study) AND trial_id IS NULL ORDER BY id")
            .map(note)
    }

    /// The own notes of every study, by study id.
    static func allStudyNotes(_ sql: SQL) async throws -> [Int64: [Note]] {
        var notes: [Int64: [Note]] = [:]
        for row in try await sql.rows("SELECT study_id, time, text FROM note WHERE trial_id IS NULL ORDER BY id") {
            let (study, time, text) = try Columns.decode(row, (Int64, Double, String).self, table: "note")
            notes[study, default: []].append(Note(time: Columns.date(time), text: text))
        }
        return notes
    }

    /// One trial's notes.
    static func trialNotes(_ sql: SQL, trial: Int64) async throws -> [Note] {
        try await sql.rows("SELECT time, text FROM note WHERE trial_id = \(trial) ORDER BY id").map(note)
    }

    private static func note(_ row: PostgresRow) throws -> Note {
        let (time, text) = try Columns.decode(row, (Double, String).self, table: "note")
        return Note(time: Columns.date(time), text: text)
    }
}
