import Foundation
import SweepCore
import Testing

@testable import SweepInterop

/// Studies Optuna 5.0.0 wrote to a journal file (`JournalFileBackend`) come into Sweep with
/// every field, as from its SQLite files; `OptunaPostgresReaderTests` does the same for
/// PostgreSQL.
@Suite(.enabled(if: OptunaPython.isEnabled, "needs python3 with optuna 5.0.0 (CI makes it required)"))
struct OptunaJournalReaderTests {
    /// Imports `names` from `source` into memory and compares every study and trial with
    /// Optuna's own reading (`dump`).
    static func expectImported(_ source: any OptunaSource, _ dump: OptunaPython.Dump, names: [String]) async throws {
        let studies = try await OptunaImport.read(from: source, names: names)
        let storage: any Storage = InMemoryStorage()
        _ = try await OptunaImport.store(studies, into: storage)
        for optuna in dump.studies where names.contains(optuna.name) {
            let record = try await storage.study(named: optuna.name)
            try Comparison.expectSame(record, optuna)
            let trials = try await storage.trials(study: record.id, states: nil)
            #expect(trials.count == optuna.trials.count, "\(optuna.name): trial count")
            for (trial, dumped) in zip(trials, optuna.trials) { try Comparison.expectSame(trial, dumped) }
        }
        // Every study Optuna sees, in its order; the deleted one is gone.
        #expect(try await source.studyNames() == dump.studies.map(\.name))
        let mixed = try #require(dump.studies.first { $0.name == "mixed" })
        #expect(Set(mixed.trials.map(\.state)) == ["COMPLETE", "PRUNED", "FAIL", "RUNNING", "WAITING"])
    }

    @Test func everyFieldComesOverFromAJournal() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.path("journal.log")
        try await OptunaPython.make("journal:" + file)
        let dump = try await OptunaPython.dump("journal:" + file)
        #expect(dump.optuna == "5.0.0" && !dump.studies.contains { $0.name == "gone" })
        let reader = try OptunaJournalReader(path: file)
        #expect(reader.warnings.isEmpty)
        try await Self.expectImported(reader, dump, names: ["mixed", "maxi", "empty"])
    }

    @Test func aTornLastLineIsLeftOutWithAWarningAsOptunaLeavesItOut() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.path("journal.log")
        try await OptunaPython.make("journal:" + file)
        let whole = try OptunaJournalReader(path: file)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"op_code":4,"worker_id":"w","study_id":1,"datetime_sta"#.utf8))
        try handle.close()
        let torn = try OptunaJournalReader(path: file)
        #expect(torn.warnings.count == 1 && torn.warnings[0].contains("has no newline at its end"), "\(torn.warnings)")
        // The same studies and trials (compared field by field with Optuna's reading below).
        #expect(torn.studyNames() == whole.studyNames() && torn.studies.map(\.trials.count) == whole.studies.map(\.trials.count))
        // Optuna reads the file the same way: the torn line is not a trial.
        let dump = try await OptunaPython.dump("journal:" + file)
        try await Self.expectImported(torn, dump, names: ["mixed", "maxi", "empty"])
    }
    @Test func theCommandImportsAJournalByItsSchemeOrByItsFirstByte() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.path("journal.log")
        try await OptunaPython.make("journal:" + file)
        let r = try OptunaCommandTests.sweep(["import", "optuna", "--from", "journal:journal.log", "--study", "maxi"], in: scratch.url)
        #expect(r.status == 0 && r.stdout.contains("imported study 'maxi' from journal.log: 4 trials (3 complete, 1 pruned)"), "\(r.stdout)\(r.stderr)")
        let bare = try OptunaCommandTests.sweep(["import", "optuna", "--from", file, "--study", "mixed", "--rename", "m2"], in: scratch.url)
        #expect(bare.status == 0 && bare.stdout.contains("imported study 'm2'"), "\(bare.stdout)\(bare.stderr)")
        // A damaged line: a clear error, exit 65, and nothing written.
        let journal = try String(contentsOfFile: file, encoding: .utf8)
        try Data((journal + "{\"op_code\":42}\n").utf8).write(to: URL(fileURLWithPath: scratch.path("bad.log")))
        let bad = try OptunaCommandTests.sweep(["import", "optuna", "--from", "journal:bad.log", "--study", "empty", "--storage", "sqlite:other.db"], in: scratch.url)
        #expect(bad.status == 65 && bad.stderr.contains("bad.log line \(journal.split(separator: "\n").count + 1): unknown op_code 42"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("other.db")))
        // A torn last line: imported without it, with a warning.
        try Data((journal + "{\"op_code\":0,\"worker_id").utf8).write(to: URL(fileURLWithPath: scratch.path("torn.log")))
        let torn = try OptunaCommandTests.sweep(["import", "optuna", "--from", "journal:torn.log", "--study", "empty", "--rename", "e2"], in: scratch.url)
        #expect(torn.status == 0 && torn.stderr.contains("has no newline at its end"), "\(torn.stderr)")
    }
}

/// The journal's bad input and Optuna's replay rules, on journals written here (no Python).
@Suite struct OptunaJournalReplayTests {
    static let study = #"{"op_code":0,"worker_id":"w","study_name":"s","directions":[2]}"#
    static let trial = #"{"op_code":4,"worker_id":"w","study_id":0,"datetime_start":"2026-01-02T03:04:05.250000+00:00"}"#

    func read(_ lines: [String], ending: String = "\n") throws(SweepError) -> OptunaJournalReader {
        let scratch = try? Scratch()
        let path = scratch?.path("j.log") ?? "/nonexistent"
        defer { scratch?.remove() }
        try? Data((lines.joined(separator: "\n") + ending).utf8).write(to: URL(fileURLWithPath: path))
        return try OptunaJournalReader(path: path)
    }

    func error(_ lines: [String]) -> String {
        do {
            _ = try read(lines)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func aFileThatIsNotAJournalIsNamedSo() {
        #expect(error(["hello"]).contains("is not an Optuna journal: its first line is not JSON"))
        #expect(error([#"{"a": 1}"#]).contains("is not an Optuna journal: its first line is not a JSON object with an op_code"))
        #expect(error(["[1, 2]"]).contains("is not an Optuna journal"))
    }

    @Test func damagedLinesAndUnknownOperationsNameTheLine() {
        #expect(error([Self.study, "{not json", Self.trial]).contains("line 2 is not JSON"))
        #expect(error([Self.study, #"{"op_code":99,"worker_id":"w"}"#]).contains("line 2: unknown op_code 99; Optuna 5.0 writes 0-10"))
        #expect(error([Self.study, #"{"op_code":4,"worker_id":"w","study_id":"zero"}"#]).contains("line 2: field 'study_id' holds \"zero\", expected an integer"))
        #expect(error([Self.study, #"{"op_code":6,"worker_id":"w","trial_id":0}"#]).contains("field 'state' is missing"))
        #expect(error([Self.study, #"{"op_code":4,"worker_id":"w","study_id":0,"datetime_start":"yesterday"}"#]).contains("field 'datetime_start'"))
    }

    @Test func operationsOptunaRejectsAreSkippedAsOptunaSkipsThem() throws {
        let reader = try read([
            Self.study,
            #"{"op_code":0,"worker_id":"w","study_name":"s","directions":[1]}"#,  // a name taken: skipped
            Self.trial,
            #"{"op_code":5,"worker_id":"w","trial_id":0,"param_name":"x","param_value_internal":0.5,"distribution":"{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": null, \"low\": 0.0, \"high\": 1.0, \"log\": false}}"}"#,
            #"{"op_code":7,"worker_id":"w","trial_id":0,"step":0,"intermediate_value":NaN}"#,
            #"{"op_code":6,"worker_id":"w","trial_id":0,"state":1,"values":[Infinity],"datetime_complete":"2026-01-02T04:04:05+01:00"}"#,
            #"{"op_code":7,"worker_id":"w","trial_id":0,"step":1,"intermediate_value":1.0}"#,  // finished: skipped
            #"{"op_code":8,"worker_id":"w","trial_id":7,"user_attr":{"a":1}}"#,  // no such trial: skipped
            #"{"op_code":10,"worker_id":"w","trial_ids":[0]}"#,  // Rustuna's discard: skipped
            Self.trial,
            // The same name with another kind of distribution contradicts trial 0: skipped.
            #"{"op_code":5,"worker_id":"w","trial_id":1,"param_name":"x","param_value_internal":1,"distribution":"{\"name\": \"IntDistribution\", \"attributes\": {\"log\": false, \"step\": 1, \"low\": 0, \"high\": 3}}"}"#,
            #"{"op_code":6,"worker_id":"w","trial_id":1,"state":0,"values":null,"datetime_start":"2026-01-02T03:04:06+00:00"}"#,  // running again: skipped
            #"{"op_code":1,"worker_id":"w","study_id":0}"#,
            #"{"op_code":0,"worker_id":"w","study_name":"s","directions":[1]}"#,  // the name is free again
            #"{"op_code":4,"worker_id":"w","study_id":0,"datetime_start":null}"#,  // a deleted study's trial: skipped
            #"{"op_code":4,"worker_id":"w","study_id":1,"datetime_start":null,"state":4,"params":{"c":1},"distributions":{"c":"{\"name\": \"CategoricalDistribution\", \"attributes\": {\"choices\": [\"a\", \"b\"]}}"},"user_attrs":{"q":true},"intermediate_values":{"3":0.5}}"#,
        ])
        #expect(reader.studyNames() == ["s"])
        let study = try reader.study(named: "s")
        #expect(study.directions == ["MINIMIZE"] && study.trials.count == 1)
        let waiting = try #require(study.trials.first)
        #expect(waiting.state == "WAITING" && waiting.number == 0 && waiting.started == nil)
        #expect(waiting.params["c"]?.internalValue == 1 && waiting.intermediate == [3: 0.5] && waiting.userAttributes == ["q": .bool(true)])
    }

    @Test func theDeletedStudysTrialsKeepTheirValuesTimesAndStates() throws {
        let reader = try read([
            Self.study, Self.trial,
            #"{"op_code":5,"worker_id":"w","trial_id":0,"param_name":"x","param_value_internal":0.5,"distribution":"{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": null, \"low\": 0.0, \"high\": 1.0, \"log\": false}}"}"#,
            #"{"op_code":7,"worker_id":"w","trial_id":0,"step":0,"intermediate_value":NaN}"#,
            #"{"op_code":9,"worker_id":"w","trial_id":0,"system_attr":{"completed_rung_0":0.25}}"#,
            #"{"op_code":6,"worker_id":"w","trial_id":0,"state":1,"values":[Infinity],"datetime_complete":"2026-01-02T04:04:05+01:00"}"#,
            #"{"op_code":7,"worker_id":"w","trial_id":0,"step":1,"intermediate_value":1.0}"#,
        ])
        let trial = try #require(try reader.study(named: "s").trials.first)
        #expect(trial.state == "COMPLETE" && trial.values == [0: .infinity] && trial.intermediate.count == 1 && trial.intermediate[0]?.isNaN == true)
        #expect(trial.systemAttributes == ["completed_rung_0": .float(0.25)])
        // 03:04:05.25 UTC, and 04:04:05+01:00 is 03:04:05 UTC.
        let start = OptunaTime.days(year: 2026, month: 1, day: 2) * 86_400 + 3 * 3_600 + 4 * 60 + 5
        #expect(trial.started?.timeIntervalSince1970 == Double(start) + 0.25)
        #expect(trial.completed?.timeIntervalSince1970 == Double(start))
    }

    @Test func anEmptyJournalHoldsNoStudyAndAnUnknownNameIsRefused() throws {
        let reader = try read([], ending: "")
        #expect(reader.studyNames().isEmpty)
        #expect(throws: SweepError.unknownStudy("s")) { try reader.study(named: "s") }
    }

    @Test(arguments: [
        ("2026-01-02T03:04:05+00:00", 0.0), ("2026-01-02T03:04:05Z", 0.0), ("2026-01-02T05:04:05.5+02:00", 0.5),
        ("2026-01-02T00:34:05-02:30", 0.0),
    ])
    func timesWithAnOffsetAreReadAsThatInstant(text: String, fraction: Double) {
        let base = Double(OptunaTime.days(year: 2026, month: 1, day: 2) * 86_400 + 3 * 3_600 + 4 * 60 + 5)
        #expect(JournalFields.time(text)?.timeIntervalSince1970 == base + fraction)
    }

    @Test func aNaiveTimeIsThisMachinesLocalTimeAsOptuna3WroteIt() {
        #expect(JournalFields.time("2026-01-02T03:04:05.000001") == OptunaTime.local.date("2026-01-02 03:04:05.000001"))
        #expect(JournalFields.time("tomorrow") == nil && JournalFields.time("2026-01-02T03:04:05+xx:00") == nil)
    }

    @Test func aPathIsAJournalWhenItsFirstByteIsABrace() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try Data("  {\"op_code\":0}\n".utf8).write(to: scratch.url.appendingPathComponent("j"))
        try Data("SQLite format 3\0".utf8).write(to: scratch.url.appendingPathComponent("d"))
        #expect(try OptunaLocation.source(scratch.path("j")) == .journal(path: scratch.path("j")))
        #expect(try OptunaLocation.source(scratch.path("d")) == .sqlite(path: scratch.path("d")))
        #expect(try OptunaLocation.source("sqlite:///" + scratch.path("j")) == .sqlite(path: scratch.path("j")))
        #expect(try OptunaLocation.source("journal:x.log") == .journal(path: "x.log"))
        #expect(try OptunaLocation.source("postgresql+psycopg2://u:p@h/db") == .postgres(url: "postgresql://u:p@h/db"))
        #expect(try OptunaLocation.source("postgres://u@h/db") == .postgres(url: "postgresql://u@h/db"))
        #expect(throws: SweepError.self) { try OptunaLocation.source("journal:") }
        #expect(throws: SweepError.self) { try OptunaLocation.source("mysql+pymysql://u@h/db") }
    }
}
