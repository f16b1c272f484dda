import Foundation
import Testing

/// `sweep rename OLD NEW`: the trials follow the study; a taken name is refused.
@Suite struct RenameCommandTests {
    @Test func theTrialsFollowTheNewName() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        for args in [["create", "old"], ["create", "taken"], ["ask", "--study", "old"]] {
            #expect(try await SweepProcess.run(args, in: dir).status == 0)
        }
        let r = try await SweepProcess.run(["rename", "old", "new"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "renamed study 'old' to 'new'\n")
        #expect(try await SweepProcess.run(["show", "0", "--study", "new"], in: dir).status == 0)
        let gone = try await SweepProcess.run(["trials", "--study", "old"], in: dir)
        #expect(gone.stderr.contains("no study named 'old'"), "\(gone.stderr)")
        let taken = try await SweepProcess.run(["rename", "new", "taken"], in: dir)
        #expect(taken.status != 0)
        #expect(taken.stderr.contains("a study named 'taken' already exists"), "\(taken.stderr)")
        let blank = try await SweepProcess.run(["rename", "new", " "], in: dir)
        #expect(blank.stderr.contains("a study name must have a visible character"), "\(blank.stderr)")
    }
}
