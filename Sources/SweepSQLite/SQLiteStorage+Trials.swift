import Foundation
import GRDB
import SweepCore

// Trials: create, claim from the queue, parameters, attributes, notes, finish.
extension SQLiteStorage {
    public func createTrial(study: Int64, draft: TrialDraft) async throws -> Trial {
        guard !draft.state.isFinished else {
            throw SweepError.invalidArgument("a new trial must be running or waiting, got \(draft.state.rawValue)")
        }
        let params = try JSONColumn.encode(params: draft.params)
        let distributions = try JSONColumn.encode(distributions: draft.distributions)
        let userAttributes = try JSONColumn.encode(attributes: draft.userAttributes)
        let systemAttributes = try JSONColumn.encode(attributes: draft.systemAttributes)
        let (id, number) = try await write { [self] db in
            try requireStudy(db, study)
            // Inside the IMMEDIATE transaction no other connection can take the same number; the
            // unique index on (study_id, number) would refuse it anyway.
            let number = try TrialRow.nextNumber(db, study: study)
            let id = try TrialRow.insert(
                db, study: study, number: number, state: draft.state, params: params, distributions: distributions,
                userAttributes: userAttributes, systemAttributes: systemAttributes, started: draft.started)
            return (id, number)
        }
        return Trial(
            id: id, number: number, state: draft.state, params: draft.params, distributions: draft.distributions,
            userAttributes: draft.userAttributes, systemAttributes: draft.systemAttributes,
            started: draft.started.map(Columns.stored))
    }

    /// Creates a running trial and its parameters in one transaction (the number is known inside it).
    public func setParams(trial: Int64, params: [String: ParamValue], distributions: [String: Distribution]) async throws {
        let newParams = try JSONColumn.encode(params: params)
        let newDistributions = try JSONColumn.encode(distributions: distributions)
        try await write { [self] db in
            let statement = try db.cachedStatement(
                sql: "SELECT study_id, number, state, params, distributions FROM trial WHERE id = ?")
            guard let row = try Row.fetchOne(statement, arguments: [trial]) else { throw Self.noTrial(trial) }
            let header = try TrialHeader(row: row)
            guard !header.state.isFinished else { throw try finished(db, header) }
            let oldParams: String = try row.decode(atIndex: 3)
            let oldDistributions: String = try row.decode(atIndex: 4)
            let paramsText = try Self.merge(oldParams, newParams, params) {
                try JSONColumn.encode(params: try JSONColumn.params($0, column: "trial.params").merging($1) { _, new in new })
            }
            let distributionsText = try Self.merge(oldDistributions, newDistributions, distributions) {
                try JSONColumn.encode(
                    distributions: try JSONColumn.distributions($0, column: "trial.distributions").merging($1) { _, new in new })
            }
            try db.cachedStatement(sql: "UPDATE trial SET params = ?, distributions = ? WHERE id = ?")
                .execute(arguments: [paramsText, distributionsText, trial])
        }
    }

    /// The JSON of `old` merged with `new`, decoding only when both have entries.
    private static func merge<V>(
        _ oldText: String, _ newText: String, _ new: [String: V], _ merged: (String, [String: V]) throws -> String
    ) throws -> String {
        if oldText == JSONColumn.emptyObject { return newText }
        if new.isEmpty { return oldText }
        return try merged(oldText, new)
    }

    public func setTrialAttribute(trial: Int64, key: String, value: JSONValue, system: Bool) async throws {
        let column = system ? "system_attributes" : "user_attributes"
        let valueText = try JSONColumn.encode(value: value)
        try await write { db in
            let statement = try db.cachedStatement(sql: "SELECT study_id, number, \(column) FROM trial WHERE id = ?")
            guard let row = try Row.fetchOne(statement, arguments: [trial]) else { throw Self.noTrial(trial) }
            let study: Int64 = try row.decode(atIndex: 0)
            let number: Int = try row.decode(atIndex: 1)
            var attributes = try JSONColumn.attributes(try row.decode(atIndex: 2), column: "trial.\(column)")
            attributes[key] = value
            try db.cachedStatement(sql: "UPDATE trial SET \(column) = ? WHERE id = ?")
                .execute(arguments: [try JSONColumn.encode(attributes: attributes), trial])
            if system {
                try FeedRow.append(
                    db, study: study, kind: .trialAttribute, trial: trial, number: number, key: key, value: valueText)
            }
        }
    }

    public func addTrialNote(trial: Int64, note: Note) async throws {
        try await write { db in
            guard let header = try TrialHeader.fetch(db, id: trial) else { throw Self.noTrial(trial) }
            try NoteRow.insert(db, study: header.studyID, trial: trial, note: note)
        }
    }

    @discardableResult
    public func finishTrial(trial: Int64, state: TrialState, value: Double?, finished: Date) async throws -> Trial {
        guard state.isFinished else {
            throw SweepError.invalidArgument(
                "a trial can only be finished as complete, pruned or failed, got \(state.rawValue)")
        }
        return try await write { [self] db in
            guard let header = try TrialHeader.fetch(db, id: trial) else { throw Self.noTrial(trial) }
            guard !header.state.isFinished else { throw try self.finished(db, header) }
            try db.cachedStatement(sql: "UPDATE trial SET state = ?, value = ?, finished = ? WHERE id = ?")
                .execute(arguments: [state.rawValue, Columns.trialValue(value), Columns.time(finished), trial])
            try FeedRow.append(db, study: header.studyID, kind: .finished, trial: trial, number: header.number)
            return try loadTrial(db, id: trial)
        }
    }

    /// One transaction: the trial's state, value, end time and attributes, and its feed rows.
    public func endTrial(
        trial: Int64, state: TrialState, value: Double?, finished: Date, attributes: TrialEndAttributes
    ) async throws {
        guard state.isFinished else {
            throw SweepError.invalidArgument(
                "a trial can only be finished as complete, pruned or failed, got \(state.rawValue)")
        }
        let systemValues = try attributes.system.sorted(by: { $0.key < $1.key }).map { ($0.key, try JSONColumn.encode(value: $0.value)) }
        try await write { [self] db in
            let statement = try db.cachedStatement(
                sql: "SELECT study_id, number, state, user_attributes, system_attributes FROM trial WHERE id = ?")
            guard let row = try Row.fetchOne(statement, arguments: [trial]) else { throw Self.noTrial(trial) }
            let header = try TrialHeader(row: row)
            guard !header.state.isFinished else { throw try self.finished(db, header) }
            if attributes.isEmpty {
                try db.cachedStatement(sql: "UPDATE trial SET state = ?, value = ?, finished = ? WHERE id = ?")
                    .execute(arguments: [state.rawValue, Columns.trialValue(value), Columns.time(finished), trial])
            } else {
                var user = try JSONColumn.attributes(try row.decode(atIndex: 3), column: "trial.user_attributes")
                var system = try JSONColumn.attributes(try row.decode(atIndex: 4), column: "trial.system_attributes")
                user.merge(attributes.user) { _, new in new }
                system.merge(attributes.system) { _, new in new }
                try db.cachedStatement(
                    sql: """
                        UPDATE trial SET state = ?, value = ?, finished = ?, user_attributes = ?, system_attributes = ?
                        WHERE id = ?
                        """
                ).execute(arguments: [
                    state.rawValue, Columns.trialValue(value), Columns.time(finished),
                    try JSONColumn.encode(attributes: user), try JSONColumn.encode(attributes: system), trial,
                ])
                for (key, text) in systemValues {
                    try FeedRow.append(
                        db, study: header.studyID, kind: .trialAttribute, trial: trial, number: header.number, key: key,
                        value: text)
                }
            }
            try FeedRow.append(db, study: header.studyID, kind: .finished, trial: trial, number: header.number)
        }
    }
}
