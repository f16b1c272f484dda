import Foundation
import GRDB
import SweepCore
import SweepTesting
import Testing

@testable import SweepSQLite

/// What the SQLite file itself guarantees: durability across connections, its settings, its schema,
/// and clear errors.
@Suite struct SQLiteStorageTests {
    @Test func everythingReadsBackFromANewConnection() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("sweep.db")
        let (studyID, trialID): (Int64, Int64)
        do {
            let storage = try SQLiteStorage(path: path)
            let study = try await storage.createStudy(StudyConfig(name: "kept", direction: .minimize, seed: 7))
            try await storage.addStudyNote(study: study.id, note: Note(time: Date(), text: "R1"))
            let trial = try await storage.createTrial(study: study.id, draft: TrialDraft(params: ["x": .double(1)]))
            try await storage.report(trial: trial.id, step: 0, metrics: ["value": 0.5, "loss": .nan])
            try await storage.setTrialAttribute(trial: trial.id, key: "rung", value: .number(1), system: true)
            try await storage.finishTrial(trial: trial.id, state: .complete, value: 0.5, finished: Date())
            (studyID, trialID) = (study.id, trial.id)
        }
        let reopened = try SQLiteStorage(path: path)
        let study = try await reopened.study(named: "kept")
        #expect(study.id == studyID && study.config.direction == .minimize && study.config.seed == 7)
        #expect(study.notes.map(\.text) == ["R1"])
        let trial = try await reopened.trial(id: trialID)
        #expect(trial.state == .complete && trial.value == 0.5 && trial.params == ["x": .double(1)])
        #expect(trial.curve("value").values == [0.5])
        #expect(trial.curve("loss").values.first?.isNaN == true)
        let changes = try await reopened.changes(study: studyID, after: 0)
        #expect(changes.finished.map(\.id) == [trialID])
        #expect(changes.trialAttributes == [TrialAttributeChange(trialNumber: 0, key: "rung", value: .number(1))])
    }

    @Test(arguments: [SQLiteStorage.Connection.queue, .pool])
    func fileSettings(_ connection: SQLiteStorage.Connection) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let storage = try SQLiteStorage(path: dir.path("sweep.db"), connection: connection)
        let pragmas = try await storage.writer.writeWithoutTransaction { db -> [String?] in
            try ["journal_mode", "synchronous", "busy_timeout", "foreign_keys"].map {
                try String.fetchOne(db, sql: "PRAGMA \($0)")
            }
        }
        #expect(pragmas == ["wal", "1", "\(Int(SQLiteStorage.busyTimeout * 1000))", "1"], "WAL, synchronous = NORMAL")
        let applied = try await storage.writer.read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied == Set(Schema.migrator.migrations))
    }

    /// Selecting a study's waiting trials reads the partial index of those few trials, not the
    /// whole trial table.
    @Test func waitingTrialsUseTheirIndex() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let storage = try SQLiteStorage(path: dir.path("sweep.db"))
        let plan = try await storage.writer.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN SELECT id FROM trial WHERE study_id = 1\(TrialRow.filter([.waiting]))"
            ).map { row -> String in row["detail"] }.joined(separator: "; ")
        }
        #expect(plan.contains("USING INDEX trial_waiting (study_id=?)"), "\(plan)")
    }

    /// The best trial is read from the index of complete trials by value, not by sorting them all.
    @Test func theBestTrialUsesItsIndex() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let storage = try SQLiteStorage(path: dir.path("sweep.db"))
        let plan = try await storage.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + SQLiteStorage.bestTrialSQL(.maximize), arguments: [1])
                .map { row -> String in row["detail"] }.joined(separator: "; ")
        }
        #expect(plan.contains("USING INDEX trial_by_value (study_id=?)"), "\(plan)")
    }

    /// Non-finite floats and integers beyond 2^53 are parameters too: they read back as written.
    @Test func unusualParametersReadBack() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let storage = try SQLiteStorage(path: dir.path("sweep.db"))
        let study = try await storage.createStudy(StudyConfig(name: "s"))
        let params: [String: ParamValue] = [
            "nan": .double(.nan), "inf": .double(.infinity), "ninf": .double(-.infinity), "huge": .int(Int.min + 1),
        ]
        let trial = try await storage.createTrial(study: study.id, draft: TrialDraft(params: params))
        let back = try await storage.trial(id: trial.id).params
        guard case .double(let nan)? = back["nan"] else { Issue.record("nan: \(String(describing: back["nan"]))"); return }
        #expect(nan.isNaN)
        #expect(back["inf"] == .double(.infinity) && back["ninf"] == .double(-.infinity))
        #expect(back["huge"] == .int(Int.min + 1))
    }

    /// A damaged JSON column is an error naming the column, the fault and the text, not a crash.
    @Test(arguments: [
        ("user_attributes", #"{"a": 1,}"#, "byte 8"), ("user_attributes", "[1]", "not an object"),
        ("params", #"{"x": {"float": }}"#, "byte 16"), ("params", #"{"x": {"float": true}}"#, "cannot be read"),
    ])
    func damagedJSONColumnsAreNamedInTheError(_ column: String, _ text: String, _ fault: String) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let storage = try SQLiteStorage(path: dir.path("sweep.db"))
        let study = try await storage.createStudy(StudyConfig(name: "s"))
        let trial = try await storage.createTrial(study: study.id, draft: TrialDraft(params: ["x": .double(1)]))
        try await storage.writer.write { db in
            try db.execute(sql: "UPDATE trial SET \(column) = ? WHERE id = ?", arguments: [text, trial.id])
        }
        await #expect {
            _ = try await storage.trial(id: trial.id)
        } throws: { error in
            let message = "\(error)"
            return message.contains("trial.\(column)") && message.contains(fault) && message.contains(text)
        }
    }

    @Test func nanAndNoValueAreDifferentInTheFile() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let storage = try SQLiteStorage(path: dir.path("sweep.db"))
        let study = try await storage.createStudy(StudyConfig(name: "s"))
        let a = try await storage.createTrial(study: study.id, draft: TrialDraft())
        let b = try await storage.createTrial(study: study.id, draft: TrialDraft())
        try await storage.finishTrial(trial: a.id, state: .pruned, value: .nan, finished: Date())
        try await storage.finishTrial(trial: b.id, state: .pruned, value: nil, finished: Date())
        #expect(try await storage.trial(id: a.id).value?.isNaN == true)
        #expect(try await storage.trial(id: b.id).value == nil)
        let params = try await storage.writer.read { db in
            try String.fetchOne(db, sql: "SELECT params FROM trial WHERE id = ?", arguments: [a.id])
        }
        #expect(params == "{}")
    }

    @Test func aMissingDirectoryIsAClearError() throws {
        let path = "/nonexistent-\(UUID().uuidString)/sweep.db"
        do {
            _ = try SQLiteStorage(path: path)
            Issue.record("opening \(path) should fail")
        } catch let error as SweepError {
            guard case .storage(let message) = error else {
                Issue.record("expected a storage error, got \(error)")
                return
            }
            #expect(message.contains(path), "the message names the file: \(message)")
        }
    }

    @Test func aFileThatIsNotADatabaseIsAClearError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("notes.txt")
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: SweepError.self) { try SQLiteStorage(path: path) }
    }

    @Test func aStudyConfigWithCategoricalNumbersKeepsTheirTypes() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let space = SearchSpace([
            .init(name: "c", distribution: .categorical(try CategoricalDistribution([.double(2), .int(1), .double(0.5)])))
        ])
        let config = StudyConfig(name: "cat", space: space)
        _ = try await SQLiteStorage(path: dir.path("sweep.db")).createStudy(config)
        await #expect(try SQLiteStorage(path: dir.path("sweep.db")).study(named: "cat").config == config)
    }

    /// Connections that open a new file at the same moment all bring it to the same schema.
    @Test func connectionsOpeningANewFileAtOnce() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for round in 0..<10 {
            let path = dir.path("sweep-\(round).db")
            try await Concurrently.run(6) { i in
                let storage = try SQLiteStorage(path: path, connection: i.isMultiple(of: 2) ? .queue : .pool)
                _ = try await storage.studies()
            }
            await #expect(try SQLiteStorage(path: path).studies().isEmpty)
        }
    }
}
