import Foundation
import Testing

/// `sweep delete`: asks on a terminal, needs --yes without one, removes everything of the study.
@Suite struct DeleteCommandTests {
    func folderWithTwoStudies() async throws -> URL {
        let dir = try SweepProcess.temporaryDirectory()
        for args in [["create", "a"], ["create", "b"], ["ask", "--study", "a"], ["note", "--study", "a", "hi", "--attr", "k=v"],
            ["report", "--study", "a", "--trial", "0", "--step", "0", "--value", "1"]] {
            let r = try await SweepProcess.run(args, in: dir)
            #expect(r.status == 0, "sweep \(args): \(r.stderr)")
        }
        return dir
    }

    @Test func withoutATerminalItNeedsYes() async throws {
        let dir = try await folderWithTwoStudies()
        let r = try await SweepProcess.run(["delete", "a"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains("run `sweep delete a --yes`"), "\(r.stderr)")
        // Nothing was deleted.
        #expect(try await SweepProcess.run(["trials", "--study", "a", "--json"], in: dir).status == 0)
    }

    @Test func withYesTheStudyAndItsTrialsAreGone() async throws {
        let dir = try await folderWithTwoStudies()
        let r = try await SweepProcess.run(["delete", "a", "--yes"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "deleted study 'a' and its 1 trial\n")
        let studies = try await SweepProcess.run(["studies", "--json"], in: dir)
        let names = (try JSONSerialization.jsonObject(with: Data(studies.stdout.utf8)) as? [[String: Any]])?.map { $0["name"] as? String }
        #expect(names == ["b"])
        // The name is free: a new study 'a' starts at trial 0 with no notes.
        #expect(try await SweepProcess.run(["create", "a"], in: dir).status == 0)
        #expect(try await SweepProcess.run(["ask", "--study", "a"], in: dir).stdout.hasPrefix("0"))
        let log = try await SweepProcess.run(["log", "a"], in: dir)
        #expect(!log.stdout.contains("hi"), "\(log.stdout)")
    }

    @Test func anUnknownStudyIsNamed() async throws {
        let dir = try await folderWithTwoStudies()
        let r = try await SweepProcess.run(["delete", "nope", "--yes"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains("no study named 'nope'"), "\(r.stderr)")
    }
}
