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
        expectNumber(nil, study: study)  // it may wait, and it took a number
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
        try await endTrial(trial: trial, state: state, value: value, finished: finished, attributes: TrialEndAttributes())
        // A finished trial is frozen: read after its end, it is as it ended.
        return try await self.trial(id: trial)
    }

    /// The trial's state, value, end time and attributes, and its feed rows, all at once: in one
    /// statement when it can (`endAlone`), otherwise in one transaction that merges the attributes.
    public func endTrial(
        trial: Int64, state: TrialState, value: Double?, finished: Date, attributes: TrialEndAttributes
    ) async throws {
        try Self.requireFinal(state)
        let ended = try await writeAlone("end trial \(trial)") { sql in
            try await endAlone(sql, trial: trial, state: state, value: value, finished: finished, attributes: attributes)
        }
        if ended { return }
        try await write("end trial \(trial)") { sql in
            try await end(sql, trial: trial, state: state, value: value, finished: finished, attributes: attributes)
        }
    }

    /// Ends the trial in one prepared statement (`EndStatement`), which commits alone (one round
    /// trip, the hot path of a tell): it locks the study, then updates the trial only if it is
    /// unfinished and has no attributes of a kind being set (so nothing needs merging), and appends
    /// its feed rows at the study's next positions. PostgreSQL checks the update's condition again on the row as any
    /// writer that went first left it. False when it changed nothing: the trial had ended, or
    /// its attributes must be merged (`end` does both).
    private func endAlone(
        _ sql: SQL, trial: Int64, state: TrialState, value: Double?, finished: Date, attributes: TrialEndAttributes
    ) async throws -> Bool {
        let system = attributes.system.sorted(by: { $0.key < $1.key })
        // The feed rows: the system attributes in key order, then the end.
        let kinds = system.map { _ in FeedRow.Kind.trialAttribute.rawValue } + [FeedRow.Kind.finished.rawValue]
        let keys = system.map(\.key) + [""]
        let values = try system.map { try JSONColumn.encode(value: $0.value) } + [""]
        let userText = try JSONColumn.encode(attributes: attributes.user)
        let systemText = try JSONColumn.encode(attributes: attributes.system)
        let setsUser = !attributes.user.isEmpty
        let setsSystem = !attributes.system.isEmpty
        let replaced = attributes.system[Replacement.replacedKey] != nil
        let rows = try await sql.rows(
            EndStatement(
                trial: trial, state: state.rawValue, value: value, finished: Columns.time(finished), setsUser: setsUser,
                userText: userText, setsSystem: setsSystem, systemText: systemText, replaced: replaced, kinds: kinds,
                keys: keys, values: values))
        return !rows.isEmpty
    }

    /// Ends an unfinished trial inside a transaction, merging its attributes; throws
    /// `trialFinished` when it had ended.
    private func end(
        _ sql: SQL, trial: Int64, state: TrialState, value: Double?, finished: Date, attributes: TrialEndAttributes
    ) async throws {
        guard var locked = try await LockedStudy.lock(sql, studyOf: trial) else { throw Self.noTrial(trial) }
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
