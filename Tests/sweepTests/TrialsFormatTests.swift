import Foundation
import Testing

/// `sweep trials --format csv|jsonl|json`: tables other tools read in one line.
@Suite struct TrialsFormatTests {
    @Test func csvHasOneRowPerTrialWithParamsColumns() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        func sweep(_ args: String...) async throws -> SweepProcess.Result { try await SweepProcess.run(args, in: dir) }
        #expect(try await sweep("create", "s", "--param", "lr=float:0.001:1:log", "--param", "opt=cat:adam,sgd", "--sampler", "random").status == 0)
        #expect(try await sweep("ask").status == 0)
        #expect(try await sweep("tell", "--trial", "0", "--value", "-0.25").status == 0)
        #expect(try await sweep("enqueue", "--set", "opt=sgd").status == 0)
        let csv = try await sweep("trials", "--format", "csv")
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "number,state,value,last_step,started,finished,duration,seed,params_lr,params_opt")
        #expect(lines.count == 3, "\(csv.stdout)")
        let first = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(first[0] == "0" && first[1] == "complete" && first[2] == "-0.25")
        #expect(first[4].hasSuffix("Z"), "ISO 8601 times: \(first[4])")
        #expect(Double(first[8]) != nil && ["adam", "sgd"].contains(first[9]))
        let second = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(second[1] == "waiting" && second[2] == "" && second[8] == "" && second[9] == "sgd", "missing values are empty")
    }

    @Test func jsonlIsOneTrialALine() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        #expect(try await SweepProcess.run(["create", "s", "--param", "x=float:0:1"], in: dir).status == 0)
        for _ in 0..<3 { #expect(try await SweepProcess.run(["ask"], in: dir).status == 0) }
        let r = try await SweepProcess.run(["trials", "--format", "jsonl"], in: dir)
        let objects = r.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.map { $0["number"] as? Int } == [0, 1, 2], "\(r.stdout)")
    }

    /// The text table has no room for curves: `--curves` without JSON says where they show
    /// (on stderr, so the table on stdout stays as it is).
    @Test func curvesWithoutJSONSayWhereCurvesShow() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        #expect(try await SweepProcess.run(["create", "s", "--param", "x=float:0:1"], in: dir).status == 0)
        #expect(try await SweepProcess.run(["ask"], in: dir).status == 0)
        #expect(try await SweepProcess.run(["report", "--trial", "0", "--step", "0", "--value", "0.5"], in: dir).status == 0)
        let r = try await SweepProcess.run(["trials", "--curves"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("--curves shows curves with --json or --format json|jsonl"), "\(r.stderr)")
        #expect(r.stdout == (try await SweepProcess.run(["trials"], in: dir)).stdout, "the same table")
        let json = try await SweepProcess.run(["trials", "--curves", "--json"], in: dir)
        #expect(!json.stderr.contains("--curves shows"), "no notice when curves are shown")
    }

    @Test func badFormatsAreRefused() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let bad = try await SweepProcess.run(["trials", "--format", "xlsx"], in: dir)
        #expect(bad.status != 0 && bad.stderr.contains("--format must be text, json, jsonl or csv"), "\(bad.stderr)")
        let curves = try await SweepProcess.run(["trials", "--format", "csv", "--curves"], in: dir)
        #expect(curves.status != 0 && curves.stderr.contains("--curves needs --format json or jsonl"), "\(curves.stderr)")
    }
}
