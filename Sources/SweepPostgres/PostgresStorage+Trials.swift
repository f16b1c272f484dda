import Foundation
import PostgresNIO
import SweepCore

// Trials: create, parameters, attributes, notes, finish.
extension PostgresStorage {
    public func createTrial(study: Int64, draft: TrialDraft) async throws -> Trial {
        guard !draft.state.isFinished else {
            throw SweepError.invalidArgument("a new trial must be running or waiting, got \(draft.state.rawValue)")
        }
        let params = try JSONColumn.encode(params: draft.params)
        let distributions = try JSONColumn.encode(distributions: draft.distributions)
        let userAttributes = try JSONColumn.encode(attributes: draft.userAttributes)
        let systemAttributes = try JSONColumn.encode(attributes: draft.systemAttributes)
        let row = try await write("create a trial in study \(study)") { sql in
            guard var locked = try await LockedStudy.lock(sql, study: study) else { throw Self.noStudy(study) }
            let number = locked.takeNumber()
            return try await TrialRow.insert(
                sql, study: study, number: number, state: draft.state, params: params,
                distributions: distributions, userAttributes: userAttributes, systemAttributes: systemAttributes,
                replaced: draft.systemAttributes[Replacement.replacedKey] != nil, started: draft.started,
                countAfter: locked.trialCount)
        }
        remember(study: study)
        return try row.trial()
    }

    public func setParams(trial: Int64, params: [String: ParamValue], distributions: [String: Distribution]) async throws {
        try await write("set the parameters of trial \(trial)") { sql in
            guard let row = try await TrialRow.fetch(sql, id: trial, lock: true) else { throw Self.noTrial(trial) }
            guard !row.state.isFinished else { throw try await finishedError(sql, trial: trial) }
            var merged = try JSONColumn.params(row.params, column: "trial.params")
            merged.merge(params) { _, new in new }
            var mergedDistributions = try JSONColumn.distributions(row.distributions, column: "trial.distributions")
            mergedDistributions.merge(distributions) { _, new in new }
            try await sql.run(
                """
                UPDATE trial SET params = \(try JSONColumn.encode(params: merged)),
                distributions = \(try JSONColumn.encode(distributions: mergedDistributions)) WHERE id = \(trial)
                """)
        }
    }

    public func setTrialAttribute(trial: Int64, key: String, value: JSONValue, system: Bool) async throws {
        let column = system ? "system_attributes" : "user_attributes"
        let valueText = try JSONColumn.encode(value: value)
        try await write("set an attribute of trial \(trial)") { sql in
            // A system attribute goes into the feed: lock the study first (see LockedStudy).
            var locked: LockedStudy?
            if system {
                guard let study = try await LockedStudy.lock(sql, studyOf: trial) else { throw Self.noTrial(trial) }
                locked = study
            }
            guard let row = try await TrialRow.fetch(sql, id: trial, lock: true) else { throw Self.noTrial(trial) }
            var attributes = try JSONColumn.attributes(
                system ? row.systemAttributes : row.userAttributes, column: "trial.\(column)")
            attributes[key] = value
            let text = try JSONColumn.encode(attributes: attributes)
            if system {
                let replaced = attributes[Replacement.replacedKey] != nil
                try await sql.run("UPDATE trial SET system_attributes = \(text), replaced = \(replaced) WHERE id = \(trial)")
            } else {
                try await sql.run("UPDATE trial SET user_attributes = \(text) WHERE id = \(trial)")
            }
            if var study = locked {
                study.append(FeedRow(kind: .trialAttribute, trialID: trial, trialNumber: row.number, key: key, value: valueText))
                try await study.save(sql)
            }
        }
    }

    public func addTrialNote(trial: Int64, note: Note) async throws {
        let added = try await write("add a note to trial \(trial)") { sql in
            try await sql.first(
                """
                INSERT INTO note (study_id, trial_id, time, text)
                SELECT study_id, id, \(Columns.time(note.time)), \(note.text) FROM trial WHERE id = \(trial) RETURNING id
                """) != nil
        }
        guard added else { throw Self.noTrial(trial) }
    }

    @discardableResult
    public func finishTrial(trial: Int64, state: TrialState, value: Double?, finished: Date) async throws -> Trial {
        try Self.requireFinal(state)
        return try await write("finish trial \(trial)") { sql in
            try await end(sql, trial: trial, state: state, value: value, finished: finished, attributes: TrialEndAttributes())
            return try await loadTrial(sql, id: trial)
        }
    }

    /// One transaction: the trial's state, value, end time and attributes, and its feed rows.
    public func endTrial(
        trial: Int64, state: TrialState, value: Double?, finished: Date, attributes: TrialEndAttributes
    ) async throws {
        try Self.requireFinal(state)
        try await write("end trial \(trial)") { sql in
            try await end(sql, trial: trial, state: state, value: value, finished: finished, attributes: attributes)
        }
    }

    /// Ends an unfinished trial inside a transaction; throws `trialFinished` when it had ended.
    private func end(
        _ sql: SQL, trial: Int64, state: TrialState, value: Double?, finished: Date, attributes: TrialEndAttributes
    ) async throws {
        guard var locked = try await LockedStudy.lock(sql, studyOf: trial) else { throw Self.noTrial(trial) }
        if attributes.isEmpty {
            // The hot path (a tell without attributes) in one statement after the lock: one
            // conditional update, which changes nothing when the trial has already ended, and its
            // feed row at the study's next position.
            let seq = locked.feedSeq + 1
            let row = try await sql.first(
                """
                WITH t AS (
                    UPDATE trial SET state = \(state.rawValue), value = \(value), finished = \(Columns.time(finished))
                    WHERE id = \(trial) AND state IN ('running', 'waiting') RETURNING study_id, number
                ),
                moved AS (UPDATE study SET feed_seq = \(seq) FROM t WHERE study.id = t.study_id)
                INSERT INTO feed (study_id, seq, kind, trial_id, trial_number)
                SELECT t.study_id, \(seq), 'finished', \(trial), t.number FROM t RETURNING seq
                """)
            guard row != nil else { throw try await finishedError(sql, trial: trial) }
            return
        }
        let number: Int
        do {
            guard let row = try await TrialRow.fetch(sql, id: trial, lock: true) else { throw Self.noTrial(trial) }
            guard !row.state.isFinished else { throw try await finishedError(sql, trial: trial) }
            var user = try JSONColumn.attributes(row.userAttributes, column: "trial.user_attributes")
            var system = try JSONColumn.attributes(row.systemAttributes, column: "trial.system_attributes")
            user.merge(attributes.user) { _, new in new }
            system.merge(attributes.system) { _, new in new }
            try await sql.run(
                """
                UPDATE trial SET state = \(state.rawValue), value = \(value), finished = \(Columns.time(finished)),
                user_attributes = \(try JSONColumn.encode(attributes: user)),
                system_attributes = \(try JSONColumn.encode(attributes: system)),
                replaced = \(system[Replacement.replacedKey] != nil)
                WHERE id = \(trial)
                """)
            number = row.number
            for (key, value) in attributes.system.sorted(by: { $0.key < $1.key }) {
                locked.append(
                    FeedRow(kind: .trialAttribute, trialID: trial, trialNumber: number, key: key,
                            value: try JSONColumn.encode(value: value)))
            }
        }
        locked.append(FeedRow(kind: .finished, trialID: trial, trialNumber: number))
        try await locked.save(sql)
    }

    private static func requireFinal(_ state: TrialState) throws {
        guard state.isFinished else {
            throw SweepError.invalidArgument(
                "a trial can only be finished as complete, pruned or failed, got \(state.rawValue)")
        }
    }
}
