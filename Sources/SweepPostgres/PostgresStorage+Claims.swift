import Foundation
import PostgresNIO
import SweepCore

// Claims and liveness. Each is one transaction that locks the study's row first, so no other
// process sees half of it and two processes never claim, or reap, the same trial.
extension PostgresStorage {
    public func claimTrial(study: Int64, request: ClaimRequest, draw: TrialDraw) async throws -> TrialClaim {
        if let trial = try await claimAtOnce(study: study, request: request, draw: draw) {
            remember(study: study)
            return .claimed(trial)
        }
        let (claim, next) = try await write("claim a trial of study \(study)") { sql -> (TrialClaim, Int?) in
            guard var locked = try await LockedStudy.lock(sql, study: study) else { throw Self.noStudy(study) }
            return try await self.claim(sql, &locked, request: request, draw: draw)
        }
        expectNumber(next, study: study)
        remember(study: study)
        return claim
    }

    /// Claims a new trial in one prepared statement (`ClaimStatement`) that commits alone (one
    /// round trip, the usual case of a study without a queue): its parameters are drawn first for
    /// the number this storage saw come next, and the statement inserts the trial only if, with the
    /// study locked, that is still the next number, the target is not reached and no trial waits. Nil when it inserted
    /// nothing (or the draw threw): `claimTrial` then takes its transaction, which handles queued
    /// trials, a full study and a draw that throws.
    ///
    /// It is tried only when this storage saw the next number at a commit with no trial waiting.
    /// Why "no trial waits" holds though the statement reads it as of its start: the expected
    /// number was read from a commit before the statement began, and every way a trial comes to
    /// wait (an enqueue, a retry) takes a number; so a queued trial the statement cannot see
    /// would have moved the number on.
    private func claimAtOnce(study: Int64, request: ClaimRequest, draw: TrialDraw) async throws -> Trial? {
        guard let number = nextNumbers.withLock({ $0[study] }), let drawn = try? draw(number, [:]) else { return nil }
        let params = try JSONColumn.encode(params: drawn.params)
        let distributions = try JSONColumn.encode(distributions: drawn.distributions)
        let row = try await writeAlone("claim a trial of study \(study)") { sql -> TrialRow? in
            let answer = try await sql.rows(
                ClaimStatement(
                    study: study, number: number, target: request.target ?? Int.max, params: params,
                    distributions: distributions, started: Columns.time(request.started),
                    heartbeatTimeout: request.heartbeatTimeout)
            ).first
            guard let answer, try Columns.decode(answer.makeRandomAccess(), 0, Int64?.self, "trial.id") != nil else {
                return nil
            }
            return try TrialRow(answer)
        }
        // After a claim that did not hold, the transaction's finds the next number again.
        expectNumber(row.map { $0.number + 1 }, study: study)
        return try row?.trial()
    }

    /// The claim of `claimTrial`'s transaction, the study locked, and the study's next trial
    /// number when no trial waits after it (nil when one may).
    private func claim(_ sql: SQL, _ locked: inout LockedStudy, request: ClaimRequest, draw: TrialDraw) async throws
        -> (TrialClaim, Int?)
    {
        let study = locked.id
        if let target = request.target, let tally = try await Self.tallyIfFull(sql, locked, target: target) {
            return (.full(tally), nil)
        }
        // Two rows: whether another trial waits behind the first.
        let queue = try await sql.rows(
            """
            SELECT \(unescaped: Schema.trialColumns) FROM trial
            WHERE study_id = \(study) AND state = 'waiting' ORDER BY number LIMIT 2
            """
        ).map(TrialRow.init)
        let waiting = queue.first
        let row: TrialRow
        if let waiting {
            let fixed = try JSONColumn.params(waiting.params, column: "trial.params")
            let drawn = try draw(waiting.number, fixed)
            let params = fixed.merging(drawn.params) { fixed, _ in fixed }
            let distributions = try JSONColumn.distributions(waiting.distributions, column: "trial.distributions")
                .merging(drawn.distributions) { _, new in new }
            let updated = try await sql.first(
                """
                UPDATE trial SET state = 'running', started = \(Columns.time(request.started)),
                params = \(try JSONColumn.encode(params: params)),
                distributions = \(try JSONColumn.encode(distributions: distributions)),
                heartbeat = \(unescaped: Schema.now), heartbeat_timeout = \(request.heartbeatTimeout)
                WHERE id = \(waiting.id) RETURNING \(unescaped: Schema.trialColumns)
                """)
            guard let updated else { throw Self.noTrial(waiting.id) }
            row = try TrialRow(updated)
        } else {
            let number = locked.takeNumber()
            let drawn = try draw(number, [:])
            row = try await TrialRow.insert(
                sql, study: study, number: number, state: .running, params: try JSONColumn.encode(params: drawn.params),
                distributions: try JSONColumn.encode(distributions: drawn.distributions),
                userAttributes: JSONColumn.emptyObject, systemAttributes: JSONColumn.emptyObject, replaced: false,
                started: request.started, beating: true, heartbeatTimeout: request.heartbeatTimeout,
                countAfter: locked.trialCount)
        }
        // A waiting trial may have notes already; a new one has none.
        let notes = waiting == nil ? [] : try await NoteRow.trialNotes(sql, trial: row.id)
        return (.claimed(try row.trial(notes: notes)), queue.count < 2 ? locked.trialCount : nil)
    }

    /// The study's tally when it has reached `target`, nil when it is below. Trial numbers have no
    /// gaps, so fewer trials than the target (in any state) is below it without counting them.
    private static func tallyIfFull(_ sql: SQL, _ study: LockedStudy, target: Int) async throws -> TrialTally? {
        guard study.trialCount >= target else { return nil }
        guard
            let row = try await sql.first(
                """
                SELECT count(*) FILTER (WHERE state IN ('complete', 'pruned') OR (state = 'failed' AND NOT replaced)),
                       count(*) FILTER (WHERE state = 'running')
                FROM trial WHERE study_id = \(study.id)
                """)
        else { return nil }
        let (finished, running) = try Columns.decode(row, (Int, Int).self, table: "trial")
        let tally = TrialTally(finished: finished, running: running)
        return tally.counted >= target ? tally : nil
    }

    public func beat(trials: [Int64]) async throws {
        guard !trials.isEmpty else { return }
        // In id order, so that two beats of the same trials lock them in the same order.
        let ids = trials.sorted()
        try await read("beat \(trials.count) trials") { sql in
            try await sql.run(
                "UPDATE trial SET heartbeat = \(unescaped: Schema.now) WHERE id = ANY(\(ids)::int8[]) AND state = 'running'")
        }
    }

    public func reapStaleTrials(study: Int64, replacement: Replacement, sparing: [Int64]) async throws -> [FailedTrial] {
        let spared = sparing.sorted()
        return try await write("reap the stale trials of study \(study)") { sql in
            guard var locked = try await LockedStudy.lock(sql, study: study) else { throw Self.noStudy(study) }
            if !spared.isEmpty {
                try await sql.run(
                    """
                    UPDATE trial SET heartbeat = \(unescaped: Schema.now)
                    WHERE id = ANY(\(spared)::int8[]) AND study_id = \(study) AND state = 'running'
                    """)
            }
            // Locking the rows waits for heartbeats being written, and PostgreSQL then checks the
            // condition again on the row as the heartbeat left it: a trial that just beat is kept.
            let stale = try await sql.rows(
                """
                SELECT id, \(unescaped: Schema.now) - COALESCE(heartbeat, started) FROM trial
                WHERE study_id = \(study) AND state = 'running' AND heartbeat_timeout IS NOT NULL
                  AND \(unescaped: Schema.now) - COALESCE(heartbeat, started) > heartbeat_timeout
                ORDER BY number FOR UPDATE
                """)
            var reaped: [FailedTrial] = []
            for row in stale {
                let (id, silence) = try Columns.decode(row, (Int64, Double).self, table: "trial")
                let reason = Replacement.staleReason(silence: silence)
                if let failed = try await fail(sql, &locked, trial: id, reason: reason, replacement: replacement, finished: Date()) {
                    reaped.append(failed)
                }
            }
            try await locked.save(sql)
            return reaped
        }
    }

    public func failTrial(trial: Int64, reason: String, replacement: Replacement, finished: Date) async throws -> FailedTrial? {
        try await write("fail trial \(trial)") { sql in
            guard var locked = try await LockedStudy.lock(sql, studyOf: trial) else { throw Self.noTrial(trial) }
            let failed = try await fail(sql, &locked, trial: trial, reason: reason, replacement: replacement, finished: finished)
            try await locked.save(sql)
            return failed
        }
    }

    /// Fails the trial if it has not finished, with one conditional update, and only then queues
    /// its retry and appends its feed rows; nil when it had finished. Call with its study locked.
    private func fail(
        _ sql: SQL, _ locked: inout LockedStudy, trial id: Int64, reason: String, replacement: Replacement,
        finished: Date
    ) async throws -> FailedTrial? {
        guard let row = try await TrialRow.fetch(sql, id: id, lock: true) else { throw Self.noTrial(id) }
        guard !row.state.isFinished else { return nil }
        let before = try row.trial()
        let draft = replacement.retry(of: before)
        let attributes = replacement.attributes(reason: reason, retried: draft != nil)
        var system = before.systemAttributes
        system.merge(attributes) { _, new in new }
        let updated = try await sql.first(
            """
            UPDATE trial SET state = 'failed', value = NULL, finished = \(Columns.time(finished)),
            system_attributes = \(try JSONColumn.encode(attributes: system)),
            replaced = \(system[Replacement.replacedKey] != nil)
            WHERE id = \(id) AND state IN ('running', 'waiting') RETURNING id
            """)
        // The row is locked, so the update wins; only then is the retry queued.
        guard updated != nil else { return nil }
        var retry: Trial?
        if let draft {
            expectNumber(nil, study: locked.id)  // a trial waits now
            let queued = try await TrialRow.insert(
                sql, study: locked.id, number: locked.takeNumber(), state: .waiting,
                params: try JSONColumn.encode(params: draft.params),
                distributions: try JSONColumn.encode(distributions: draft.distributions),
                userAttributes: try JSONColumn.encode(attributes: draft.userAttributes),
                systemAttributes: JSONColumn.emptyObject, replaced: false, started: nil)
            retry = try queued.trial()
        }
        for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
            locked.append(
                FeedRow(kind: .trialAttribute, trialID: id, trialNumber: row.number, key: key,
                        value: try JSONColumn.encode(value: value)))
        }
        locked.append(FeedRow(kind: .finished, trialID: id, trialNumber: row.number))
        return FailedTrial(trial: try await loadTrial(sql, id: id), retry: retry)
    }
}
