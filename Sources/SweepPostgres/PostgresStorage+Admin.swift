import PostgresNIO
import SweepCore

extension PostgresStorage {
    /// Deletes the study; the schema's `ON DELETE CASCADE` foreign keys delete its trials, their
    /// reports and notes, the study's notes and its change feed in the same transaction.
    public func deleteStudy(_ id: Int64) async throws {
        let deleted = try await write("delete study \(id)") { sql in
            try await sql.first("DELETE FROM study WHERE id = \(id) RETURNING id") != nil
        }
        forget(study: id)
        guard deleted else { throw Self.noStudy(id) }
    }

    /// Renames the study (the `name` column is the study's name; its stored config keeps the
    /// first one and is not read for it).
    public func renameStudy(_ id: Int64, to newName: String) async throws {
        let renamed = try await write("rename study \(id)") { sql in
            let taken = try await sql.first("SELECT 1 FROM study WHERE name = \(newName) AND id <> \(id)")
            guard taken == nil else { throw SweepError.duplicateStudy(newName) }
            do {
                return try await sql.first("UPDATE study SET name = \(newName) WHERE id = \(id) RETURNING id") != nil
            } catch where PostgresFailure.isUniqueViolation(error) {
                throw SweepError.duplicateStudy(newName)  // another process took the name just now
            }
        }
        guard renamed else { throw Self.noStudy(id) }
    }
}
