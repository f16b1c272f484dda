import Foundation
import SweepCore
import Testing

@testable import SweepRunner

@Suite struct ReproductionTests {
    static let study = StudyRecord(id: 1, config: StudyConfig(name: "s", seed: 42))

    func trial(_ provenance: JSONValue?, params: [String: ParamValue] = ["lr": .double(0.01), "name": .string("it's a b")]) -> Trial {
        Trial(
            id: 7, number: 3, state: .complete, params: params, value: 0.5,
            systemAttributes: provenance.map { ["provenance": $0] } ?? [:])
    }

    static let provenance: JSONValue = .object([
        "command_argv": .array([.string("python3"), .string("train it.py")]), "directory": .string("/repo/sub"),
        "environment": .object(["SWEEP_STORAGE": .string("sqlite:/x/sweep.db"), "A": .string("1")]),
        "repository": .string("/repo"), "git_commit": .string("abc"), "git_dirty": .bool(false), "host": .string("h"),
    ])

    @Test func aTrialWithoutProvenanceIsRefusedByName() throws {
        #expect(throws: SweepError.self) { try Reproduction(study: Self.study, trial: trial(nil)) }
        do {
            _ = try Reproduction(study: Self.study, trial: trial(nil))
        } catch {
            #expect("\(error)".contains("trial 3 of study 's' has no recorded provenance"))
        }
    }

    @Test func theEnvironmentIsTheRunnersAndTheLineRunsTheSameArguments() throws {
        let r = try Reproduction(study: Self.study, trial: trial(Self.provenance))
        let run = try #require(r.runs.first)
        #expect(r.runs.count == 1 && run.seed == Self.study.config.trialSeed(3) && r.seed == run.seed)
        // The study file's variables sorted, then the runner's per-trial ones.
        #expect(run.environment.map(\.name) == ["A", "SWEEP_STORAGE", "SWEEP_PARAMS", "SWEEP_TRIAL", "SWEEP_STUDY", "SWEEP_SEED"])
        #expect(run.environment.first { $0.name == "SWEEP_PARAMS" }?.value == #"{"lr":0.01,"name":"it's a b"}"#)
        #expect(run.arguments == ["python3", "train it.py", "--lr", "0.01", "--name", "it's a b"])
        // The shell line, run by bash, hands over exactly these arguments and variables.
        let line = try #require(r.shellLines.first)
        #expect(line.hasPrefix("cd /repo/sub && A=1 "))
        let echoed = line.replacingOccurrences(of: "cd /repo/sub && ", with: "")
            .replacingOccurrences(of: "python3 'train it.py'", with: #"python3 -c 'import os,sys,json; print(json.dumps([sys.argv[1:], os.environ["SWEEP_PARAMS"]]))'"#)
        let out = try bash(echoed)
        #expect(out == #"[["--lr", "0.01", "--name", "it's a b"], "{\"lr\":0.01,\"name\":\"it's a b\"}"]"#, "\(out)")
    }

    @Test func repeatsGiveOneRunPerSeedWithTheRunnersSeeds() throws {
        guard case .object(var p) = Self.provenance else { return }
        p["repeats"] = .number(3)
        let r = try Reproduction(study: Self.study, trial: trial(.object(p)))
        let seed = Self.study.config.trialSeed(3)
        #expect(r.runs.map(\.seed) == (0..<3).map { SplitMix64.derive(seed, UInt64($0)) })
        #expect(r.runs.map { $0.environment.last?.value } == ["0", "1", "2"] && r.runs.map(\.repetition) == [0, 1, 2])
        #expect(r.shellLines.count == 3)
    }

    @Test func aWorktreeMovesTheFolderWithTheRepository() throws {
        let r = try Reproduction(study: Self.study, trial: trial(Self.provenance)).relocated(to: "/tmp/wt")
        #expect(r.directory == "/tmp/wt/sub" && r.shellLines.first?.hasPrefix("cd /tmp/wt/sub && ") == true)
    }

    @Test func anOldRecordWithOnlyTheCommandLineIsSplitWithAWarning() throws {
        let r = try Reproduction(study: Self.study, trial: trial(.object(["command": .string("./train.sh --fast")]), params: [:]))
        #expect(r.command == ["./train.sh", "--fast"] && r.directory == nil && r.commit == nil)
        #expect(r.warnings.count == 2 && r.shellLines.first?.hasPrefix("SWEEP_PARAMS='{}' ") == true)
    }

    @Test func aDirtyTreesDiffIsFoundOnTheStudyOrSaidToBeMissing() throws {
        guard case .object(var p) = Self.provenance else { return }
        p["git_dirty"] = .bool(true)
        p["git_diff"] = .object(["hash": .string("h1"), "bytes": .number(3), "stored": .bool(true)])
        let diff = RecordedDiff(commit: "abc", hash: "h1", bytes: 3, patch: Data("abc".utf8))
        var study = Self.study
        study.systemAttributes[diff.key] = diff.attribute
        #expect(try Reproduction(study: study, trial: trial(.object(p))).changes == .stored(diff))
        let missing = try Reproduction(study: Self.study, trial: trial(.object(p)))
        #expect(missing.changes == .notStored(hash: "h1", bytes: 3) && missing.warnings.contains { $0.contains("no readable diff h1") })
        study.systemAttributes[diff.key] = RecordedDiff(commit: "abc", hash: "h1", bytes: 3, patch: nil).attribute
        let big = try Reproduction(study: study, trial: trial(.object(p)))
        #expect(big.changes == .notStored(hash: "h1", bytes: 3) && big.warnings.contains { $0.contains("was not stored") })
    }

    @Test(arguments: [("plain", "plain"), ("a b", "'a b'"), ("it's", #"'it'\''s'"#), ("", "''"), ("$HOME", "'$HOME'")])
    func wordsAreQuotedOnlyWhenTheyNeedIt(word: String, quoted: String) {
        #expect(ShellQuote.word(word) == quoted)
    }

    private func bash(_ line: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", line]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
