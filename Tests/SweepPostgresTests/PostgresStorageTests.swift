import Foundation
import SweepCore
import Testing

@testable import SweepPostgres

/// Opening: migrations once under many openers, a newer schema refused, clear errors for a
/// server that is not there and a database that does not exist.
@Suite(.enabled(if: TestServer.isConfigured, TestServer.skipReason))
struct PostgresStorageTests {
    @Test func manyProcessesOpenANewDatabaseAtOnce() async throws {
        try await TestServer.withDatabase { _, make in
            // Eight storages migrate the same empty database at the same moment.
            let storages = try await withThrowingTaskGroup(of: PostgresStorage.self) { group in
                for _ in 0..<8 { group.addTask { try await make() } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(storages.count == 8, "every opener succeeds")
            let migrations = try await storages[0].read("count migrations") { sql in
                try await sql.rows("SELECT name FROM sweep_migrations").count
            }
            #expect(migrations == Schema.migrations.count, "each migration is recorded once")
            let study = try await storages[3].createStudy(StudyConfig(name: "shared"))
            #expect(try await storages[5].study(named: "shared").id == study.id, "all of them see one database")
        }
    }

    @Test func aNewerSchemaIsRefused() async throws {
        try await TestServer.withDatabase { url, make in
            let storage = try await make()
            try await storage.write("add a migration") { sql in
                try await sql.run("INSERT INTO sweep_migrations (name) VALUES ('v99: from the future')")
            }
            await #expect(throws: SweepError.self) { try await PostgresStorage(location: url) }
            do {
                _ = try await PostgresStorage(location: url)
            } catch {
                #expect("\(error)".contains("newer than this sweep") && "\(error)".contains("v99: from the future"), "\(error)")
            }
        }
    }

    @Test func aMissingDatabaseIsNamed() async throws {
        let url = try TestServer.url().with(database: "sweep_no_such_database")
        do {
            _ = try await PostgresStorage(location: url)
            Issue.record("opened a database that does not exist")
        } catch {
            #expect(error as? SweepError != nil, "\(error)")
            #expect("\(error)".contains("database 'sweep_no_such_database' does not exist"), "\(error)")
        }
    }

    @Test func aServerThatIsNotThereIsUnavailable() async throws {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        let url = try PostgresURL("postgres://postgres@127.0.0.1:1/postgres?connect_timeout=2", environment: [:])
        do {
            _ = try await PostgresStorage(location: url)
            Issue.record("opened a server that is not there")
        } catch let error as SweepError {
            guard case .storageUnavailable(let message) = error else {
                Issue.record("expected storageUnavailable, got \(error)")
                return
            }
            #expect(message.contains("127.0.0.1:1"), "the message names the server: \(message)")
        }
    }

    @Test func closedStorageThrows() async throws {
        try await TestServer.withDatabase { _, make in
            let storage = try await make()
            let study = try await storage.createStudy(StudyConfig(name: "s"))
            await storage.close()
            await #expect(throws: SweepError.self) { try await storage.trialCount(study: study.id) }
        }
    }
}

/// A batch of steps (`report(trial:steps:)`): one statement, the same rules as one report each.
@Suite(.enabled(if: TestServer.isConfigured, TestServer.skipReason))
struct PostgresBatchReportTests {
    @Test func aBatchKeepsTheFirstValueAndCountsNewSteps() async throws {
        try await TestServer.withDatabase { _, make in
            let storage = try await make()
            let study = try await storage.createStudy(StudyConfig(name: "batch"))
            let trial = try await storage.createTrial(study: study.id, draft: TrialDraft(started: Date()))
            try await storage.report(trial: trial.id, step: 0, metrics: ["value": 1])
            let batch = [
                StepReport(step: 0, metrics: ["value": 9]),  // already reported: kept as 1
                StepReport(step: 1, metrics: ["value": 2, "loss": .nan]),
                StepReport(step: 1, metrics: ["value": 8]),  // repeated in the batch: the first wins
                StepReport(step: 2, metrics: ["value": -.infinity]),
            ]
            #expect(try await storage.report(trial: trial.id, steps: batch) == 2, "steps 1 and 2 are new")
            let read = try await storage.trial(id: trial.id)
            #expect(read.curve("value").steps == [0, 1, 2])
            #expect(read.curve("value").values == [1, 2, -.infinity])
            #expect(read.curve("loss").value(at: 1)?.isNaN == true)
            #expect(try await storage.report(trial: trial.id, steps: []) == 0)
            try await storage.finishTrial(trial: trial.id, state: .complete, value: 2, finished: Date())
            await #expect(throws: SweepError.trialFinished(study: "batch", number: 0, state: .complete)) {
                try await storage.report(trial: trial.id, steps: [StepReport(step: 5, metrics: ["value": 1])])
            }
            await #expect(throws: SweepError.self) { try await storage.report(trial: trial.id + 99, steps: batch) }
        }
    }
}

/// `init(connecting:)`: returns at once; the first call opens, or throws why it cannot.
@Suite(.enabled(if: TestServer.isConfigured, TestServer.skipReason))
struct PostgresConnectingTests {
    @Test func theFirstCallOpens() async throws {
        try await TestServer.withDatabase { url, _ in
            let storage = try PostgresStorage(connecting: url)
            let study = try await storage.createStudy(StudyConfig(name: "lazy"))
            #expect(try await storage.study(named: "lazy").id == study.id)
            await storage.close()
        }
    }

    @Test func aServerThatIsNotThereFailsTheFirstCall() async throws {
        let url = try PostgresURL("postgres://postgres@127.0.0.1:1/postgres?connect_timeout=2", environment: [:])
        let storage = try PostgresStorage(connecting: url)
        do {
            _ = try await storage.studies()
            Issue.record("a call succeeded without a server")
        } catch let error as SweepError {
            guard case .storageUnavailable = error else {
                Issue.record("expected storageUnavailable, got \(error)")
                return
            }
        }
        await storage.close()
    }
}

/// `sslmode=require` against a server without TLS (the test server) is refused, naming the way out.
@Suite(.enabled(if: TestServer.isConfigured, TestServer.skipReason))
struct PostgresTLSTests {
    @Test func requireWithoutTLSOnTheServerIsRefused() async throws {
        var url = try TestServer.url()
        url.sslMode = .require
        do {
            _ = try await PostgresStorage(location: url)
            Issue.record("sslmode=require connected to a server without TLS")
        } catch {
            #expect("\(error)".contains("does not offer TLS, which sslmode=require requires"), "\(error)")
        }
    }
}

/// The report table of migration v4 (keyed by trial, metric and step; no row id, no foreign key):
/// reports stored under the older schema survive the upgrade, and deleting a study still deletes
/// its reports.
@Suite(.enabled(if: TestServer.isConfigured, TestServer.skipReason))
struct PostgresReportTableTests {
    @Test func reportsStoredBeforeVersion4SurviveTheUpgrade() async throws {
        try await TestServer.withDatabase { url, make in
            let version3 = try #require(Schema.migrations.firstIndex { $0.name.hasPrefix("v4:") })
            let connection = try await ConnectionSettings(url).connection()
            try await Migrator.migrate(SQL(connection), url: url, through: version3)
            let config = String(decoding: try JSONEncoder().encode(StudyConfig(name: "old")), as: UTF8.self)
            let space = try JSONColumn.encode(StoredSpace(SearchSpace()))
            try await SQL(connection).run(
                """
                WITH s AS (INSERT INTO study (name, config, space, created) VALUES ('old', \(config), \(space), 0) RETURNING id),
                t AS (INSERT INTO trial (study_id, number, state, params, distributions, user_attributes,
                                         system_attributes, started)
                      SELECT id, 0, 'running', '{}', '{}', '{}', '{}', 0 FROM s RETURNING id)
                INSERT INTO report (trial_id, metric, step, value)
                SELECT t.id, m, g, g * 0.5 FROM t, generate_series(0, 99) g, unnest(array['loss', 'acc']) m
                """)
            try await connection.close()
            let storage = try await make()
            let trial = try #require(try await storage.trials(study: try await storage.study(named: "old").id, states: nil).first)
            #expect(trial.curve("loss").steps == Array(0...99))
            #expect(trial.curve("acc").value(at: 99) == 49.5)
            let columns = try await storage.read("report columns") { sql in
                try await sql.rows(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'report' ORDER BY column_name"
                ).map { try $0.decode(String.self) }
            }
            #expect(columns == ["metric", "step", "trial_id", "value"])
        }
    }

    @Test func metricNamesAreKeptByteForByte() async throws {
        try await TestServer.withDatabase { _, make in
            let storage = try await make()
            let study = try await storage.createStudy(StudyConfig(name: "names"))
            let trial = try await storage.createTrial(study: study.id, draft: TrialDraft(started: Date()))
            let names = ["loss", "Loss", "λ", "損失", "é", "a b", ""]
            let metrics = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Double($0)) })
            #expect(try await storage.report(trial: trial.id, steps: [StepReport(step: 3, metrics: metrics)]) == 1)
            let read = try await storage.trials(ids: [trial.id], curves: .all).first
            #expect(read?.metrics.keys.sorted() == names.sorted())
            for (i, name) in names.enumerated() { #expect(read?.curve(name).value(at: 3) == Double(i), "\(name)") }
            let chosen = try await storage.trials(ids: [trial.id], curves: .only(["é", "λ"])).first
            #expect(chosen?.metrics.keys.sorted() == ["é", "λ"].sorted() && chosen?.curve("é").value(at: 3) == 4)
        }
    }

    @Test func deletingAStudyDeletesItsReports() async throws {
        try await TestServer.withDatabase { _, make in
            let storage = try await make()
            let kept = try await storage.createStudy(StudyConfig(name: "kept"))
            let gone = try await storage.createStudy(StudyConfig(name: "gone"))
            for study in [kept, gone] {
                let trial = try await storage.createTrial(study: study.id, draft: TrialDraft(started: Date()))
                try await storage.report(trial: trial.id, steps: (0..<50).map { StepReport(step: $0, metrics: ["value": 1]) })
            }
            try await storage.deleteStudy(gone.id)
            let left = try await storage.read("count reports") { sql in
                try await sql.rows("SELECT count(*) FROM report").first.map { try $0.decode(Int.self) }
            }
            #expect(left == 50, "the kept study's 50 reports, none of the deleted one's")
        }
    }
}
