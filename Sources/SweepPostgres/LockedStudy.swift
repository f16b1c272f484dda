import PostgresNIO
import SweepCore

/// A study whose row is locked (`SELECT ... FOR UPDATE`) until the transaction ends: the one way
/// to take trial numbers and feed positions.
///
/// Everything that takes a number or appends to the feed locks the study first and then the trial
/// rows it changes, in that order, so two transactions never wait for each other in a circle.
/// Statements after `lock` see every transaction that held the lock before (PostgreSQL's read
/// committed level takes a new snapshot per statement), so a count or a waiting trial read after
/// it is current; a read in the locking statement itself would not be.
struct LockedStudy {
    let id: Int64
    private let firstNumber: Int
    private let firstSeq: Int64
    private(set) var trialCount: Int
    private(set) var feedSeq: Int64
    private var entries: [FeedRow] = []

    private init(_ row: PostgresRow) throws {
        (id, trialCount, feedSeq) = try Columns.decode(row, (Int64, Int, Int64).self, table: "study")
        firstNumber = trialCount
        firstSeq = feedSeq
    }

    /// Locks study `id`; nil when there is no such study.
    static func lock(_ sql: SQL, study id: Int64) async throws -> LockedStudy? {
        try await sql.first("SELECT id, trial_count, feed_seq FROM study WHERE id = \(id) FOR UPDATE")
            .map(LockedStudy.init)
    }

    /// Locks the study of trial `trial`; nil when there is no such trial.
    static func lock(_ sql: SQL, studyOf trial: Int64) async throws -> LockedStudy? {
        try await sql.first(
            """
            SELECT id, trial_count, feed_seq FROM study
            WHERE id = (SELECT study_id FROM trial WHERE id = \(trial)) FOR UPDATE
            """
        ).map(LockedStudy.init)
    }

    /// Takes the next trial number.
    mutating func takeNumber() -> Int {
        defer { trialCount += 1 }
        return trialCount
    }

    /// Appends a feed row at the next position (written by `save`).
    mutating func append(_ row: FeedRow) {
        feedSeq += 1
        var row = row
        row.seq = feedSeq
        entries.append(row)
    }

    /// Writes the numbers and feed positions taken, and the feed rows, in one statement.
    func save(_ sql: SQL) async throws {
        guard trialCount != firstNumber || feedSeq != firstSeq else { return }
        let trialIDs = entries.map { $0.trialID ?? 0 }
        let numbers = entries.map { $0.trialNumber ?? 0 }
        try await sql.run(
            """
            WITH moved AS (UPDATE study SET trial_count = \(trialCount), feed_seq = \(feedSeq) WHERE id = \(id))
            INSERT INTO feed (study_id, seq, kind, trial_id, trial_number, key, value)
            SELECT \(id), e.seq, e.kind,
                   CASE WHEN e.kind = 'study_attribute' THEN NULL ELSE e.trial END,
                   CASE WHEN e.kind = 'study_attribute' THEN NULL ELSE e.number END,
                   CASE WHEN e.kind = 'finished' THEN NULL ELSE e.key END,
                   CASE WHEN e.kind = 'finished' THEN NULL ELSE e.value END
            FROM unnest(\(entries.map(\.seq))::int8[], \(entries.map(\.kind.rawValue))::text[], \(trialIDs)::int8[],
                        \(numbers)::int8[], \(entries.map { $0.key ?? "" })::text[],
                        \(entries.map { $0.value ?? "" })::text[]) AS e(seq, kind, trial, number, key, value)
            """)
    }
}
