import Foundation
import GRDB
import SweepCore

// Claims and liveness. Each is one IMMEDIATE transaction, so no other process sees half of it and
// two processes never claim, or reap, the same trial.
extension SQLiteStorage {
    public func claimTrial(study: Int64, request: ClaimRequest, draw: TrialDraw) async throws -> TrialClaim {
        try await write { [self] db in
            try requireStudy(db, study)
            if let target = request.target, let tally = try Self.tallyIfFull(db, study: study, target: target) {
                return .full(tally)
            }
            let waiting = try Int64.fetchOne(
                db.cachedStatement(
                    sql: "SELECT id FROM trial WHERE study_id = ? AND state = 'waiting' ORDER BY number LIMIT 1"),
                arguments: [study])
            let id: Int64
            if let waiting, let row = try TrialRow.fetch(db, id: waiting) {
                let fixed = try JSONColumn.params(row.params, column: "trial.params")
                let drawn = try draw(row.number, fixed)
                let params = fixed.merging(drawn.params) { fixed, _ in fixed }
                let distributions = try JSONColumn.distributions(row.distributions, column: "trial.distributions")
                    .merging(drawn.distributions) { _, new in new }
                try db.cachedStatement(
                    sql: """
                        UPDATE trial SET state = 'running', started = ?, params = ?, distributions = ?,
                        heartbeat = \(Schema.now), heartbeat_timeout = ? WHERE id = ?
                        """
                ).execute(arguments: [
                    Columns.time(request.started), try JSONColumn.encode(params: params),
                    try JSONColumn.encode(distributions: distributions), request.heartbeatTimeout, waiting,
                ])
                id = waiting
            } else {
                let number = try TrialRow.nextNumber(db, study: study)
                let drawn = try draw(number, [:])
                id = try TrialRow.insert(
                    db, study: study, number: number, state: .running, params: try JSONColumn.encode(params: drawn.params),
                    distributions: try JSONColumn.encode(distributions: drawn.distributions),
                    userAttributes: JSONColumn.emptyObject, systemAttributes: JSONColumn.emptyObject,
                    started: request.started)
                try db.cachedStatement(
                    sql: "UPDATE trial SET heartbeat = \(Schema.now), heartbeat_timeout = ? WHERE id = ?"
                ).execute(arguments: [request.heartbeatTimeout, id])
            }
            return .claimed(try loadTrial(db, id: id))
        }
    }

    /// The study's tally when it has reached `target`, nil when it is below. Trial numbers have no
    /// gaps, so fewer trials than the target (in any state) is below it without counting them.
    private static func tallyIfFull(_ db: Database, study: Int64, target: Int) throws -> TrialTally? {
        guard try TrialRow.nextNumber(db, study: study) >= target else { return nil }
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT
                      COALESCE(SUM(state IN ('complete', 'pruned')
                        OR (state = 'failed' AND json_extract(system_attributes, '$.\(Replacement.replacedKey)') IS NULL)), 0),
                      COALESCE(SUM(state = 'running'), 0)
                    FROM trial WHERE study_id = ?
                    """),
            arguments: [study])
        let tally = TrialTally(finished: row?[0] ?? 0, running: row?[1] ?? 0)
        return tally.counted >= target ? tally : nil
    }

    public func beat(trials: [Int64]) async throws {
        guard !trials.isEmpty else { return }
        try await write { db in
            let statement = try db.cachedStatement(
                sql: "UPDATE trial SET heartbeat = \(Schema.now) WHERE id = ? AND state = 'running'")
            for id in trials { try statement.execute(arguments: [id]) }
        }
    }

    public func reapStaleTrials(study: Int64, replacement: Replacement, sparing: [Int64]) async throws -> [FailedTrial] {
        try await write { [self] db in
            try requireStudy(db, study)
            let spare = try db.cachedStatement(
                sql: "UPDATE trial SET heartbeat = \(Schema.now) WHERE id = ? AND study_id = ? AND state = 'running'")
            for id in sparing { try spare.execute(arguments: [id, study]) }
            let stale = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT id, \(Schema.now) - COALESCE(heartbeat, started) FROM trial
                        WHERE study_id = ? AND state = 'running' AND heartbeat_timeout IS NOT NULL
                          AND \(Schema.now) - COALESCE(heartbeat, started) > heartbeat_timeout
                        ORDER BY number
                        """),
                arguments: [study])
            return try stale.map { row in
                let silence: Double = row[1]
                let reason = Replacement.staleReason(silence: silence)
                return try fail(db, trial: row[0], reason: reason, replacement: replacement, finished: Date())
            }
        }
    }

    public func failTrial(trial: Int64, reason: String, replacement: Replacement, finished: Date) async throws -> FailedTrial? {
        try await write { [self] db in
            guard let header = try TrialHeader.fetch(db, id: trial) else { throw Self.noTrial(trial) }
            guard !header.state.isFinished else { return nil }
            return try fail(db, trial: trial, reason: reason, replacement: replacement, finished: finished)
        }
    }

    /// Fails an unfinished trial, sets its reason (and `replaced`), and queues its retry. Call in a
    /// write transaction.
    private func fail(
        _ db: Database, trial id: Int64, reason: String, replacement: Replacement, finished: Date
    ) throws -> FailedTrial {
        let trial = try loadTrial(db, id: id)
        let study = try studyID(db, trial: id)
        var retry: Trial?
        if let draft = replacement.retry(of: trial) {
            let retryID = try TrialRow.insert(
                db, study: study, number: try TrialRow.nextNumber(db, study: study), state: .waiting,
                params: try JSONColumn.encode(params: draft.params),
                distributions: try JSONColumn.encode(distributions: draft.distributions),
                userAttributes: try JSONColumn.encode(attributes: draft.userAttributes),
                systemAttributes: JSONColumn.emptyObject, started: nil)
            retry = try loadTrial(db, id: retryID)
        }
        let attributes = replacement.attributes(reason: reason, retried: retry != nil)
        var system = trial.systemAttributes
        system.merge(attributes) { _, new in new }
        try db.cachedStatement(
            sql: "UPDATE trial SET state = 'failed', value = NULL, finished = ?, system_attributes = ? WHERE id = ?"
        ).execute(arguments: [Columns.time(finished), try JSONColumn.encode(attributes: system), id])
        for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
            try FeedRow.append(
                db, study: study, kind: .trialAttribute, trial: id, number: trial.number, key: key,
                value: try JSONColumn.encode(value: value))
        }
        try FeedRow.append(db, study: study, kind: .finished, trial: id, number: trial.number)
        return FailedTrial(trial: try loadTrial(db, id: id), retry: retry)
    }

    private func studyID(_ db: Database, trial id: Int64) throws -> Int64 {
        guard let header = try TrialHeader.fetch(db, id: id) else { throw Self.noTrial(id) }
        return header.studyID
    }
}
