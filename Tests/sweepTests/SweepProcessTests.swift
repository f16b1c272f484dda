import Foundation
import Testing

@Suite(.timeLimit(.minutes(10))) struct SweepProcessTests {
    /// Reading stdout to its end before stderr deadlocked once stderr passed 64 KiB.
    @Test func aChattyStderrDoesNotDeadlock() async throws {
        try await SweepProcess.withTemporaryDirectory { dir in
            let r = try await SweepProcess.run(
                ["-c", "head -c 300000 /dev/zero | tr '\\0' e >&2; echo done"], in: dir,
                executable: URL(fileURLWithPath: "/bin/sh"))
            #expect(r.status == 0)
            #expect(r.stdout == "done\n")
            #expect(r.stderr.utf8.count == 300_000)
        }
    }

    @Test func temporaryFoldersAreRemovedWhenTheBodyEnds() async throws {
        let used = try await SweepProcess.withTemporaryDirectory { dir in
            try SweepProcess.write("x", to: "f.txt", in: dir)
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("f.txt").path))
            return dir
        }
        #expect(!FileManager.default.fileExists(atPath: used.path))
        // Folders made without the scoped helper live under one root the process removes at exit.
        #expect(try SweepProcess.temporaryDirectory().path.hasPrefix(SweepProcess.root.path))
    }
}
