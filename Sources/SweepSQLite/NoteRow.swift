import Foundation
import GRDB
import SweepCore

/// A row of `note`: a study's note when `trialID` is nil, else a trial's.
struct NoteRow: FetchableRecord {
    static let columns = "trial_id, time, text"

    var trialID: Int64?
    var time: Double
    var text: String

    init(row: Row) throws {
        trialID = try row.decode(atIndex: 0)
        time = try row.decode(atIndex: 1)
        text = try row.decode(atIndex: 2)
    }

    var note: Note { Note(time: Columns.date(time), text: text) }

    static func insert(_ db: Database, study: Int64, trial: Int64?, note: Note) throws {
        try db.cachedStatement(sql: "INSERT INTO note (study_id, trial_id, time, text) VALUES (?, ?, ?, ?)")
            .execute(arguments: [study, trial, Columns.time(note.time), note.text])
    }

    /// A study's own notes (not its trials'), oldest first.
    static func studyNotes(_ db: Database, study: Int64) throws -> [Note] {
        let statement = try db.cachedStatement(
            sql: "SELECT \(columns) FROM note WHERE study_id = ? AND trial_id IS NULL ORDER BY id")
        return try NoteRow.fetchAll(statement, arguments: [study]).map(\.note)
    }

    /// A trial's notes, oldest first.
    static func trialNotes(_ db: Database, trial: Int64) throws -> [Note] {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM note WHERE trial_id = ? ORDER BY id")
        return try NoteRow.fetchAll(statement, arguments: [trial]).map(\.note)
    }

    /// The notes of several trials, by trial id. `trials` is SQL selecting trial ids, with
    /// `arguments` bound to it.
    static func trialNotes(_ db: Database, trials: String, arguments: StatementArguments) throws -> [Int64: [Note]] {
        let statement = try db.cachedStatement(
            sql: "SELECT \(columns) FROM note WHERE trial_id IN (\(trials)) ORDER BY id")
        var notes: [Int64: [Note]] = [:]
        let cursor = try NoteRow.fetchCursor(statement, arguments: arguments)
        while let row = try cursor.next() {
            if let trial = row.trialID { notes[trial, default: []].append(row.note) }
        }
        return notes
    }
}
