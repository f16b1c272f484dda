import Foundation
import Testing

@testable import SweepRunner

/// A scratch git repository for provenance tests.
struct ScratchRepository {
    let dir: ScratchDirectory
    var path: String { dir.path }

    init() throws {
        dir = try ScratchDirectory()
        try git("init", "-q", ".")
        try write("train.py", "print('v1')\n")
        try write(".gitignore", "*.ckpt\n")
        try git("add", "train.py", ".gitignore")
        try git("commit", "-qm", "first")
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: dir.url.appendingPathComponent(name))
    }

    /// Runs git with an author set; throws when it fails.
    @discardableResult
    func git(_ arguments: String...) throws -> String {
        var g = Git(directory: path)
        g.environment = [
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
        ]
        let r = try #require(g.run(arguments))
        guard r.succeeded else { throw SweepTestFailure(message: "git \(arguments.joined(separator: " ")): \(r.errors)") }
        return r.text
    }
}

struct SweepTestFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

@Suite struct GitSnapshotTests {
    @Test func aCleanTreeHasACommitAndNoDiff() throws {
        let repo = try ScratchRepository()
        let snapshot = try #require(GitSnapshot.take(in: repo.path))
        #expect(snapshot.commit == (try repo.git("rev-parse", "HEAD")))
        #expect(!snapshot.dirty && snapshot.diff == nil)
        // The repository's top folder, even from a folder inside it.
        try FileManager.default.createDirectory(atPath: repo.path + "/sub", withIntermediateDirectories: true)
        #expect(GitSnapshot.take(in: repo.path + "/sub")?.repository == (try repo.git("rev-parse", "--show-toplevel")))
    }

    @Test func aFolderOutsideAnyRepositoryHasNoSnapshot() throws {
        #expect(GitSnapshot.take(in: try ScratchDirectory().path) == nil)
    }

    @Test func theDiffHoldsChangedStagedAndUntrackedFilesButNotIgnoredOnesAndLeavesTheIndexAlone() throws {
        let repo = try ScratchRepository()
        try repo.write("train.py", "print('v2')\n")
        try repo.write("staged.txt", "staged\n")
        try repo.git("add", "staged.txt")
        try repo.write("new.txt", "new\n")
        try repo.write("model.ckpt", "ignored\n")
        let before = try repo.git("status", "--porcelain")
        let snapshot = try #require(GitSnapshot.take(in: repo.path))
        let diff = try #require(snapshot.diff)
        let patch = String(decoding: try #require(diff.patch), as: UTF8.self)
        // The changed file, the staged one and the untracked one; not the ignored one.
        #expect(patch.contains("+print('v2')") && patch.contains("+staged") && patch.contains("+new"))
        #expect(!patch.contains("ignored"))
        #expect(diff.untracked == ["new.txt"] && diff.bytes == patch.utf8.count && diff.commit == snapshot.commit)
        // git's blob id of the patch.
        #expect(diff.hash.count == 40)
        // The user's index and tree are as they were: new.txt is still untracked, staged.txt still staged.
        #expect(try repo.git("status", "--porcelain") == before)
        // The same tree gives the same hash.
        #expect(GitSnapshot.take(in: repo.path)?.diff?.hash == diff.hash)
    }

    @Test func aPatchOverTheLimitIsNotStoredAndLargeUntrackedFilesAndDatabasesAreLeftOut() throws {
        let repo = try ScratchRepository()
        try repo.write("train.py", String(repeating: "x = 1\n", count: 100))
        try repo.write("big.bin", String(repeating: "y", count: 5_000))
        try Data("SQLite format 3\0rest".utf8).write(to: repo.dir.url.appendingPathComponent("sweep.db"))
        try repo.write("sweep.db-wal", "wal")
        let diff = try #require(GitSnapshot.take(in: repo.path, limit: 4_000)?.diff)
        #expect(Set(diff.leftOut) == ["big.bin", "sweep.db", "sweep.db-wal"] && diff.untracked.isEmpty)
        #expect(diff.patch != nil)
        let small = try #require(GitSnapshot.take(in: repo.path, limit: 100)?.diff)
        // Over the limit: size and hash, no patch.
        #expect(small.patch == nil && small.bytes > 100 && small.hash.count == 40)
        #expect(small.summary == .object(["hash": .string(small.hash), "bytes": .number(Double(small.bytes)), "stored": .bool(false)]))
    }

    @Test func theStudyAttributeReadsBackAsItWasBinaryOrNot() throws {
        let text = RecordedDiff(commit: "c", hash: "h", bytes: 3, patch: Data("abc".utf8), untracked: ["n"], leftOut: ["l"])
        #expect(RecordedDiff(attribute: text.attribute) == text)
        let binary = RecordedDiff(commit: "c", hash: "h", bytes: 2, patch: Data([0xFF, 0xFE]))
        #expect(RecordedDiff(attribute: binary.attribute) == binary)
        let unstored = RecordedDiff(commit: "c", hash: "h", bytes: 9, patch: nil)
        #expect(RecordedDiff(attribute: unstored.attribute) == unstored)
        #expect(RecordedDiff(attribute: .string("nope")) == nil)
    }
}
