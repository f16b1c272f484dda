import GRDB
import SweepCore

/// A row of `feed`, the change feed `changes(study:after:)` reads. Every row is written in the
/// same transaction as the change it records, and `seq` grows with commit order (SQLite has one
/// writer at a time), so a reader that saw `seq` has seen every change before it.
struct FeedRow: FetchableRecord {
    enum Kind: String {
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

    init(row: Row) throws {
        seq = try row.decode(atIndex: 0)
        let kind: String = try row.decode(atIndex: 1)
        guard let k = Kind(rawValue: kind) else { throw SweepError.corrupt("column feed.kind holds unknown kind '\(kind)'") }
        self.kind = k
        trialID = try row.decode(atIndex: 2)
        trialNumber = try row.decode(atIndex: 3)
        key = try row.decode(atIndex: 4)
        value = try row.decode(atIndex: 5)
    }

    /// The study's feed after `seq`, oldest first.
    static func fetchAll(_ db: Database, study: Int64, after seq: Int64) throws -> [FeedRow] {
        try FeedRow.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT seq, kind, trial_id, trial_number, key, value FROM feed
                    WHERE study_id = ? AND seq > ? ORDER BY seq
                    """),
            arguments: [study, seq])
    }

    static func append(
        _ db: Database, study: Int64, kind: Kind, trial: Int64? = nil, number: Int? = nil, key: String? = nil,
        value: String? = nil
    ) throws {
        try db.cachedStatement(
            sql: "INSERT INTO feed (study_id, kind, trial_id, trial_number, key, value) VALUES (?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [study, kind.rawValue, trial, number, key, value])
    }
}
