import Foundation
import Testing

/// Bad input gets a clear message naming what was wrong and a non-zero exit.
@Suite struct BadInputTests {
    func failure(_ args: [String], setup: [[String]] = [], mentions: String) async throws {
        let dir = try SweepProcess.temporaryDirectory()
        for s in setup {
            let r = try await SweepProcess.run(s, in: dir)
            #expect(r.status == 0, "setup \(s) failed: \(r.stderr)")
        }
        let r = try await SweepProcess.run(args, in: dir)
        #expect(r.status != 0, "sweep \(args) should fail")
        #expect(r.stderr.contains(mentions), "stderr of sweep \(args): \(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"), "sweep \(args) crashed: \(r.stderr)")
    }

    static let study = ["create", "s", "--param", "x=float:0:1"]

    @Test func wrongPrunerSpec() async throws {
        try await failure(["create", "s", "--pruner", "median:n_startup=5"], mentions: "n_startup")
        try await failure(["create", "s", "--pruner", "medain"], mentions: "medain")
        try await failure(["replay", "x.jsonl", "--pruner", "percentile:percentile=150"], mentions: "percentile")
    }

    @Test func wrongSamplerSpec() async throws {
        try await failure(["create", "s", "--sampler", "tpe:n_startup_trials=-3"], mentions: "n_startup_trials")
    }

    @Test func lowAboveHigh() async throws {
        try await failure(["create", "s", "--param", "x=float:3:1"], mentions: "low must be <= high, got low=3.0, high=1.0")
    }

    /// A mistyped --storage path is named, and no empty database is left behind by a command that
    /// only reads or joins.
    @Test(arguments: [["studies"], ["trials"], ["best"], ["show", "0"], ["ask"], ["log"], ["worker", "study.toml"]])
    func aMissingDatabaseIsNotCreated(_ command: [String]) async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try SweepProcess.write("name = \"s\"\n[objective]\nbuiltin = \"toy\"\n[params]\nx = \"float:0:1\"\n", to: "study.toml", in: dir)
        let r = try await SweepProcess.run(command + ["--storage", "sqlite:typo.db"], in: dir)
        #expect(r.status != 0, "sweep \(command) on a missing database should fail")
        #expect(r.stderr.contains("no Sweep database at typo.db"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("typo.db").path), "nothing created")
    }

    @Test func anEmptyCurveFileIsRefused() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try SweepProcess.write("\n", to: "empty.jsonl", in: dir)
        let r = try await SweepProcess.run(["replay", "empty.jsonl", "--pruner", "median"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains("empty.jsonl holds no curves"), "\(r.stderr)")
    }

    @Test func unknownStudy() async throws {
        try await failure(["ask", "--study", "nope"], setup: [Self.study], mentions: "no study named 'nope'")
    }

    @Test func unknownTrial() async throws {
        try await failure(["report", "--trial", "9", "--step", "0", "--value", "1"], setup: [Self.study], mentions: "no trial number 9")
    }

    @Test func reportingToAFinishedTrial() async throws {
        try await failure(
            ["report", "--trial", "0", "--step", "1", "--value", "1"],
            setup: [Self.study, ["ask"], ["tell", "--trial", "0", "--value", "1"]], mentions: "already complete")
    }

    @Test func aValueThatIsNotANumber() async throws {
        try await failure(["report", "--trial", "0", "--step", "1", "--value", "high"], setup: [Self.study, ["ask"]], mentions: "--value must be a number")
    }

    @Test func malformedCurveFileNamesTheLine() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try Data("{\"id\": \"a\", \"curve\": [1, 2]}\n{\"id\": \"b\", \"curve\": \"oops\"}\n".utf8)
            .write(to: dir.appendingPathComponent("c.jsonl"))
        let r = try await SweepProcess.run(["replay", "c.jsonl", "--pruner", "median"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains("c.jsonl:2"), "\(r.stderr)")
    }

    @Test func unknownStorageURL() async throws {
        try await failure(["studies", "--storage", "mysql://x"], mentions: "unknown storage URL")
    }

    @Test func completeWithoutValue() async throws {
        try await failure(["tell", "--trial", "0"], setup: [Self.study, ["ask"]], mentions: "needs a value")
    }

    @Test func enqueuingANameTheSpaceDoesNotHaveListsItsParameters() async throws {
        try await failure(
            ["enqueue", "--set", "zz=1"], setup: [["create", "s", "--param", "x=float:0:1", "--param", "opt=cat:a,b"]],
            mentions: "study 's' has no parameter 'zz'; its parameters are opt, x")
    }

    @Test func anEnqueuedValueOutsideItsRangeNamesTheRangeAsWritten() async throws {
        try await failure(
            ["enqueue", "--set", "lr=5"], setup: [["create", "s", "--param", "lr=float:0.0001:1:log"]],
            mentions: "enqueued value 5 for 'lr' is outside its distribution float:0.0001:1:log")
    }

    @Test(arguments: ["", "   ", "\t", "a\nb"])
    func aStudyNameWithoutVisibleTextIsRefused(name: String) async throws {
        try await failure(["create", name], mentions: "a study name must")
    }

    @Test func aSpaceFileErrorNamesTheParameterOnce() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try SweepProcess.write("[params]\nx = \"float:3:1\"\n", to: "space.toml", in: dir)
        let r = try await SweepProcess.run(["create", "s", "--space-file", "space.toml"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains("space.toml:2: parameter 'x': low must be <= high"), "\(r.stderr)")
        #expect(!r.stderr.contains("parameter 'x': parameter 'x'"), "\(r.stderr)")
    }
}
