import Foundation
import GRDB
import SweepCore

// Index snapshots (docs/architecture.md): one row per study, replaced only by a newer cursor.
extension SQLiteStorage {
    public var keepsIndexSnapshots: Bool { true }

    public func indexSnapshot(study: Int64) async throws -> IndexSnapshot? {
        try await read { [self] db in
            try requireStudy(db, study)
            guard let row = try Row.fetchOne(db, sql: "SELECT cursor, data FROM index_snapshot WHERE study_id = ?", arguments: [study])
            else { return nil }
            let data: Data = row["data"]
            return IndexSnapshot(cursor: row["cursor"], bytes: Array(data))
        }
    }

    public func storeIndexSnapshot(study: Int64, _ snapshot: IndexSnapshot) async throws {
        try await write { [self] db in
            try requireStudy(db, study)
            try db.execute(
                sql: """
                    INSERT INTO index_snapshot (study_id, cursor, data) VALUES (?, ?, ?)
                    ON CONFLICT (study_id) DO UPDATE SET cursor = excluded.cursor, data = excluded.data
                    WHERE excluded.cursor > index_snapshot.cursor
                    """,
                arguments: [study, snapshot.cursor, Data(snapshot.bytes)])
        }
    }

    public func indexSnapshotCursor(study: Int64) async throws -> Int64? {
        try await read { [self] db in
            try requireStudy(db, study)
            return try Int64.fetchOne(db, sql: "SELECT cursor FROM index_snapshot WHERE study_id = ?", arguments: [study])
        }
    }
}
