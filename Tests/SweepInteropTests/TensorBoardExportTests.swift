import Foundation
import SweepCore
import Testing

@testable import SweepInterop

/// What `TensorBoardExport` writes, read back with `TFRecord`, and the folder rules of
/// `sweep export tensorboard` (these run without Python; `TensorBoardReaderTests` has TensorBoard
/// read the files).
@Suite struct TensorBoardExportTests {
    static func record(_ space: SearchSpace = SearchSpace()) -> StudyRecord {
        StudyRecord(
            id: 1, config: StudyConfig(name: "s", direction: .minimize, objective: "loss", sampler: "random", pruner: "nop", space: space),
            created: Date(timeIntervalSince1970: 1_000))
    }

    static func trial(_ number: Int, _ state: TrialState = .complete, params: [String: ParamValue] = [:], metrics: [String: MetricCurve] = [:]) -> Trial {
        Trial(
            id: Int64(number + 1), number: number, state: state, params: params, metrics: metrics,
            started: Date(timeIntervalSince1970: 2_000), finished: state.isFinished ? Date(timeIntervalSince1970: 2_010) : nil)
    }

    @Test func runFoldersSortByNumber() {
        let few = TensorBoardExport(study: Self.record(), trials: [Self.trial(0), Self.trial(17)], time: Date(timeIntervalSince1970: 5), host: "a b/c")
        #expect(few.runName(17) == "trial-00017")
        // The host's spaces and slashes would break the name.
        #expect(few.fileName == "events.out.tfevents.5.a_b_c.sweep")
        let many = TensorBoardExport(study: Self.record(), trials: [Self.trial(0), Self.trial(123_456)])
        #expect(many.runName(7) == "trial-000007")
        #expect(many.runName(123_456) == "trial-123456")
    }

    @Test func scalarsGoStepByStepWithMetricsByName() {
        // Steps reported out of order come out sorted; each tag's first point carries its metadata.
        let trial = Self.trial(
            0, metrics: ["loss": MetricCurve(steps: [5, 0, 2], values: [0.5, 1, .infinity]), "acc": MetricCurve(steps: [2], values: [0.9])])
        let steps = TensorBoardExport.steps(trial)
        #expect(steps.map(\.step) == [0, 2, 5])
        #expect(steps[1].scalars.map(\.tag) == ["acc", "loss"])
        #expect(steps[1].scalars[1].value.isNaN, "an infinity is written as NaN")
        #expect(steps.flatMap(\.scalars).filter(\.first).map(\.tag).sorted() == ["acc", "loss"])
        #expect(steps[0].scalars == [.init(tag: "loss", value: 1, first: true)])
    }

    @Test func eachFileIsRecordsOfEvents() throws {
        let trial = Self.trial(3, .pruned, params: ["x": .double(0.5)], metrics: ["loss": MetricCurve(steps: [0, 1], values: [2, 1])])
        let export = TensorBoardExport(study: Self.record(), trials: [trial])
        let records = try #require(TFRecord.records(export.runFile(trial)))
        // The file version, the session's start, two steps, the session's end.
        #expect(records.count == 5)
        #expect(records[0] == TensorBoardEvents.fileVersionEvent(wallTime: 2_000))
        #expect(try #require(TFRecord.records(export.experimentFile())).count == 2)
        let waiting = Self.trial(4, .waiting)
        // A waiting trial has no end.
        #expect(try #require(TFRecord.records(export.runFile(waiting))).count == 2)
    }

    @Test func parametersTakeTheirDistributionsTypes() throws {
        let space = SearchSpace([
            .init(name: "lr", distribution: .float(try FloatDistribution(low: 0.01, high: 1, log: true))),
            .init(name: "flag", distribution: .categorical(try CategoricalDistribution([.bool(true), .bool(false)]))),
            .init(name: "opt", distribution: .categorical(try CategoricalDistribution([.string("adam"), .string("sgd")]))),
        ])
        let trials = [
            Self.trial(0, params: ["lr": .double(2), "flag": .bool(true), "opt": .string("adam"), "seen": .int(3)]),
            Self.trial(1, params: ["lr": .double(0.1), "flag": .bool(true), "seen": .int(9)]),
        ]
        let infos = Dictionary(uniqueKeysWithValues: TensorBoardExport.infos(study: Self.record(space), trials: trials).map { ($0.name, $0) })
        // An imported value outside the range widens the interval.
        #expect(infos["lr"] == .init(name: "lr", type: .float64, domain: .interval(min: 0.01, max: 2), differs: true))
        #expect(infos["flag"] == .init(name: "flag", type: .bool, domain: .discrete([.bool(true), .bool(false)]), differs: false))
        #expect(infos["opt"]?.type == .string)
        // A parameter no distribution describes: its type and range from the values.
        #expect(infos["seen"] == .init(name: "seen", type: .float64, domain: .interval(min: 3, max: 9), differs: true))
        #expect(TensorBoardExport.hparamValue(.int(3), as: .string) == .string("3"))
    }

    @Test func aFolderThatHoldsFilesIsRefusedAndForceReplacesOnlySweepsFiles() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = scratch.url.appendingPathComponent("runs")
        let first = TensorBoardExport(study: Self.record(), trials: [Self.trial(0), Self.trial(1)], time: Date(timeIntervalSince1970: 1))
        _ = try first.write(to: dir)
        let second = TensorBoardExport(study: Self.record(), trials: [Self.trial(0)], time: Date(timeIntervalSince1970: 2))
        #expect(throws: SweepError.self) { try second.write(to: dir) }
        try Data("mine".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        let written = try second.write(to: dir, replace: true)
        #expect(written.runs == 1)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        // The earlier export's files and its emptied trial-00001 folder are gone; the user's file stays.
        #expect(left == ["events.out.tfevents.2.\(Self.host(second)).sweep", "notes.txt", "trial-00000"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("trial-00000").path) == [second.fileName])
        // A file where the folder should be.
        #expect(throws: SweepError.self) { try second.write(to: dir.appendingPathComponent("notes.txt")) }
    }

    @Test func commandExportsAndRefusesAFullFolder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let lines = (0..<3).map { #"{"id": "r\#($0)", "params": {"lr": 0.\#($0 + 1)}, "curve": [1, 0.5, 0.25], "group": "g"}"# }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: scratch.url.appendingPathComponent("c.jsonl"))
        let imported = try OptunaCommandTests.sweep(["import", "curves", "c.jsonl", "--study", "c"], in: scratch.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        let exported = try OptunaCommandTests.sweep(["export", "tensorboard", "tb", "--json"], in: scratch.url)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.contains(#""runs":3,"scalars":9"#), "\(exported.stdout)")
        let again = try OptunaCommandTests.sweep(["export", "tensorboard", "tb"], in: scratch.url)
        // Bad input (64), with what to do.
        #expect(again.status == 64)
        #expect(again.stderr.contains("pass --force to replace an earlier export"), "\(again.stderr)")
        let forced = try OptunaCommandTests.sweep(["export", "tensorboard", "tb", "--force"], in: scratch.url)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.hasPrefix("exported study 'c' to "), "\(forced.stdout)")
        let missing = try OptunaCommandTests.sweep(["export", "tensorboard", "tb2", "--study", "nope"], in: scratch.url)
        #expect(missing.status == 66)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("tb2")))
    }

    private static func host(_ export: TensorBoardExport) -> String {
        String(export.fileName.dropFirst("events.out.tfevents.2.".count).dropLast(".sweep".count))
    }
}
