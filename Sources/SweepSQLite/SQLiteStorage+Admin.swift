import Foundation
import GRDB
import SweepCore

extension SQLiteStorage {
    /// Deletes the study; the schema's `ON DELETE CASCADE` foreign keys delete its trials, their
    /// reports and notes, the study's notes and its change feed in the same transaction.
    public func deleteStudy(_ id: Int64) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM study WHERE id = ?", arguments: [id])
            guard db.changesCount > 0 else { throw Self.noStudy(id) }
        }
        forget(study: id)
    }

    /// Renames the study (the `name` column is the study's name; its stored config keeps the
    /// first one and is not read for it).
    public func renameStudy(_ id: Int64, to newName: String) async throws {
        try await write { db in
            let taken = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM study WHERE name = ? AND id != ?", arguments: [newName, id])
            guard taken == nil else { throw SweepError.duplicateStudy(newName) }
            try db.execute(sql: "UPDATE study SET name = ? WHERE id = ?", arguments: [newName, id])
            guard db.changesCount > 0 else { throw Self.noStudy(id) }
        }
    }
}
