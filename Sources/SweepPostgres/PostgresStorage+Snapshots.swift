import PostgresNIO
import SweepCore

// Index snapshots (docs/architecture.md): one row per study, replaced only by a newer cursor.
extension PostgresStorage {
    public var keepsIndexSnapshots: Bool { true }

    public func indexSnapshot(study: Int64) async throws -> IndexSnapshot? {
        try await read("read the index snapshot of study \(study)") { sql in
            guard let row = try await sql.first("SELECT cursor, data FROM index_snapshot WHERE study_id = \(study)") else {
                try await requireStudy(sql, study)
                return nil
            }
            let (cursor, data) = try Columns.decode(row, (Int64, ByteBuffer).self, table: "index_snapshot")
            return IndexSnapshot(cursor: cursor, bytes: Array(data.readableBytesView))
        }
    }

    public func storeIndexSnapshot(study: Int64, _ snapshot: IndexSnapshot) async throws {
        try await read("store an index snapshot of study \(study)") { sql in
            try await requireStudy(sql, study)
            // One statement: the same snapshot stored twice (a retry) changes nothing more.
            try await sql.run(
                """
                INSERT INTO index_snapshot (study_id, cursor, data) VALUES (\(study), \(snapshot.cursor), \(ByteBuffer(bytes: snapshot.bytes)))
                ON CONFLICT (study_id) DO UPDATE SET cursor = excluded.cursor, data = excluded.data
                WHERE excluded.cursor > index_snapshot.cursor
                """)
        }
    }

    public func indexSnapshotCursor(study: Int64) async throws -> Int64? {
        try await read("read the index snapshot cursor of study \(study)") { sql in
            guard let row = try await sql.first("SELECT cursor FROM index_snapshot WHERE study_id = \(study)") else {
                try await requireStudy(sql, study)
                return nil
            }
            return try Columns.decode(row, Int64.self, "index_snapshot.cursor")
        }
    }
}
