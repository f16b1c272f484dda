import Foundation
import Testing

@testable import SweepRunner

/// A command's executable is found once, as an absolute path: the command starts in its working
/// folder, where a relative path would be looked for a second time.
@Suite struct CommandResolveTests {
    @Test func aRelativeWorkingFolderGivesAnAbsolutePath() throws {
        let dir = try ScratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir.url) }
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("repo"), withIntermediateDirectories: true)
        try dir.script("repo/train.sh", "#!/bin/sh\n")
        // The working folder as `sweep run repo/study.toml` gives it: relative to where sweep runs.
        let up = FileManager.default.currentDirectoryPath.split(separator: "/").map { _ in ".." }.joined(separator: "/")
        let relative = up + dir.path + "/repo"
        let found = CommandObjective.resolve("./train.sh", workdir: relative + "/.", path: "")
        #expect(found == dir.url.appendingPathComponent("repo/train.sh").standardizedFileURL.path)
    }

    @Test func namesWithoutASlashAreLookedUpOnThePath() {
        #expect(CommandObjective.resolve("sh", workdir: nil, path: "/nowhere:/bin") == "/bin/sh")
        #expect(CommandObjective.resolve("no-such-program-here", workdir: nil, path: "/bin") == nil)
        #expect(CommandObjective.resolve("./missing.sh", workdir: "/tmp", path: "") == nil)
    }
}
