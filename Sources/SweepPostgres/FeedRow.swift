import PostgresNIO
import SweepCore

/// A row of `feed`, the change feed `changes(study:after:)` reads.
///
/// Why the feed is exact under concurrent writers: a row's `seq` is its study's `feed_seq`
/// plus one, taken while the study's row is locked (`LockedStudy`), and the lock is held until the
/// transaction that appends the row commits. So the transaction holding position `n + 1` took the
/// lock after the one holding `n` had committed (or rolled back, giving its positions back), and
/// a reader that sees `n + 1` sees `n` too. An id from a sequence would not do: PostgreSQL hands
/// out sequence values at insert and commits in any order, so a reader could pass id 11 while id
/// 10 is still uncommitted, and never see 10.
struct FeedRow: Sendable {
    enum Kind: String, Sendable {
        case finished
        case trialAttribute = "trial_attribute"
        case studyAttribute = "study_attribute"
    }

    var seq: Int64
    var kind: Kind
    var trialID: Int64?
    var trialNumber: Int?
    var key: String?
    var value: String?

    init(kind: Kind, trialID: Int64? = nil, trialNumber: Int? = nil, key: String? = nil, value: String? = nil) {
        seq = 0
        self.kind = kind
        self.trialID = trialID
        self.trialNumber = trialNumber
        self.key = key
        self.value = value
    }

    init(_ row: PostgresRow) throws {
        let kindText: String
        (seq, kindText, trialID, trialNumber, key, value) = try Columns.decode(
            row, (Int64, String, Int64?, Int?, String?, String?).self, table: "feed")
        kind = try Self.kind(kindText)
    }

    /// The feed's six columns from column `offset` of a wider row.
    init(_ cells: PostgresRandomAccessRow, from offset: Int) throws {
        seq = try Columns.decode(cells, offset, Int64.self, "feed.seq")
        kind = try Self.kind(try Columns.decode(cells, offset + 1, String.self, "feed.kind"))
        trialID = try Columns.decode(cells, offset + 2, Int64?.self, "feed.trial_id")
        trialNumber = try Columns.decode(cells, offset + 3, Int?.self, "feed.trial_number")
        key = try Columns.decode(cells, offset + 4, String?.self, "feed.key")
        value = try Columns.decode(cells, offset + 5, String?.self, "feed.value")
    }

    private static func kind(_ kindText: String) throws -> Kind {
        guard let kind = Kind(rawValue: kindText) else {
            throw SweepError.storage(
                "column feed.kind holds '\(kindText)', expected finished, trial_attribute or study_attribute")
        }
        return kind
    }

    /// The study's feed after `seq`, oldest first.
    static func fetchAll(_ sql: SQL, study: Int64, after seq: Int64) async throws -> [FeedRow] {
        try await sql.rows(
            """
            SELECT seq, kind, trial_id, trial_number, key, value FROM feed
            WHERE study_id = \(study) AND seq > \(seq) ORDER BY seq
            """
        ).map(FeedRow.init)
    }
}
