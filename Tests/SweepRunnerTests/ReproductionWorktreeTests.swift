import Foundation
import SweepCore
import Testing

@testable import SweepRunner

@Suite struct ReproductionWorktreeTests {
    /// The reproduction of a trial that ran in `repo` at `commit`, dirty with `diff` when given.
    func reproduction(repo: String?, commit: String?, diff: RecordedDiff? = nil) throws -> Reproduction {
        var p: [String: JSONValue] = ["command_argv": .array([.string("./train.py")])]
        if let repo { p["repository"] = .string(repo); p["directory"] = .string(repo) }
        if let commit { p["git_commit"] = .string(commit) }
        p["git_dirty"] = .bool(diff != nil)
        var study = StudyRecord(id: 1, config: StudyConfig(name: "s"))
        if let diff {
            p["git_diff"] = diff.summary
            study.systemAttributes[diff.key] = diff.attribute
        }
        return try Reproduction(study: study, trial: Trial(id: 1, number: 0, state: .complete, systemAttributes: ["provenance": .object(p)]))
    }

    func target() throws -> String { try ScratchDirectory().path + "/wt" }

    @Test func aRecordedDiffIsAppliedOnTopOfTheCommit() throws {
        let repo = try ScratchRepository()
        let commit = try repo.git("rev-parse", "HEAD")
        try repo.write("train.py", "print('v2')\n")
        try repo.write("new.txt", "new\n")
        let diff = try #require(GitSnapshot.take(in: repo.path)?.diff)
        try repo.git("add", "-A")
        try repo.git("commit", "-qm", "later")
        let path = try target()
        let steps = try ReproductionWorktree.create(try reproduction(repo: repo.path, commit: commit, diff: diff), at: path)
        #expect(steps.count == 2 && steps[1].contains("applied the recorded diff \(diff.hash)"), "\(steps)")
        #expect(try String(contentsOfFile: path + "/train.py", encoding: .utf8) == "print('v2')\n")
        #expect(try String(contentsOfFile: path + "/new.txt", encoding: .utf8) == "new\n")
        #expect(try ScratchRepository.head(path) == commit)
    }

    @Test func noCommitAnUnknownCommitAndAGoneRepositoryAreRefused() throws {
        let repo = try ScratchRepository()
        func refusal(_ r: Reproduction, _ expected: String) throws {
            let path = try target()
            do {
                _ = try ReproductionWorktree.create(r, at: path)
                Issue.record("expected a refusal containing '\(expected)'")
            } catch {
                #expect("\(error)".contains(expected), "\(error)")
            }
            #expect(!FileManager.default.fileExists(atPath: path), "nothing is created")
        }
        try refusal(try reproduction(repo: nil, commit: nil), "has no recorded git commit")
        try refusal(try reproduction(repo: repo.path, commit: String(repeating: "1", count: 40)), "is not in the repository")
        try refusal(try reproduction(repo: "/nonexistent/repo", commit: "abc"), "is not a git repository any more")
    }

    @Test func aDiffThatDoesNotApplyIsRefusedBeforeAnythingIsCreated() throws {
        let repo = try ScratchRepository()
        let commit = try repo.git("rev-parse", "HEAD")
        let patch = Data("--- a/train.py\n+++ b/train.py\n@@ -1 +1 @@\n-print('other')\n+print('v3')\n".utf8)
        let diff = RecordedDiff(commit: commit, hash: "feed", bytes: patch.count, patch: patch)
        let path = try target()
        #expect(throws: SweepError.self) { try ReproductionWorktree.create(try reproduction(repo: repo.path, commit: commit, diff: diff), at: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
        // git knows no worktree there either.
        #expect(!(try repo.git("worktree", "list")).contains(path))
    }

    @Test func aDiffTooLargeToStoreGivesTheCommitWithAWarning() throws {
        let repo = try ScratchRepository()
        let commit = try repo.git("rev-parse", "HEAD")
        let path = try target()
        let big = RecordedDiff(commit: commit, hash: "h", bytes: 5_000_000, patch: nil)
        let steps = try ReproductionWorktree.create(try reproduction(repo: repo.path, commit: commit, diff: big), at: path)
        #expect(steps.last?.hasPrefix("WARNING: the trial's tree was dirty") == true)
        #expect(try ScratchRepository.head(path) == commit)
    }
}

extension ScratchRepository {
    static func head(_ path: String) throws -> String {
        try #require(Git(directory: path).text(["rev-parse", "HEAD"]))
    }
}
