import Foundation
import Testing

/// `sweep run` on a study file edited after the study exists: refused with each difference named,
/// applied with `--force` where the stored trials stay valid.
@Suite struct StudyFileEditTests {
    func study(pruner: String, high: String) -> String {
        """
        name = "edited"
        trials = 4
        pruner = "\(pruner)"
        [objective]
        builtin = "toy"
        [params]
        x = "float:0:\(high)"
        """
    }

    @Test func anEditedFileIsRefusedThenAppliedWithForce() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try SweepProcess.write(study(pruner: "median", high: "1"), to: "study.toml", in: dir)
        let first = try await SweepProcess.run(["run", "study.toml"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")

        try SweepProcess.write(study(pruner: "hyperband", high: "2"), to: "study.toml", in: dir)
        let refused = try await SweepProcess.run(["run", "study.toml", "--trials", "6"], in: dir)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("pruner: stored median, file hyperband"), "\(refused.stderr)")
        #expect(refused.stderr.contains("parameter 'x'"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--force"), "\(refused.stderr)")

        let forced = try await SweepProcess.run(["run", "study.toml", "--trials", "6", "--force"], in: dir)
        #expect(forced.status == 0, "\(forced.stderr)")
        let notes = try await SweepProcess.run(["log", "edited"], in: dir)
        #expect(notes.stdout.contains("--force"), "\(notes.stdout) \(notes.stderr)")
        // The applied settings are the study's now: the same file runs without --force.
        let again = try await SweepProcess.run(["run", "study.toml", "--trials", "7"], in: dir)
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func aNarrowerRangeIsRefusedEvenWithForce() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try SweepProcess.write(study(pruner: "median", high: "1"), to: "study.toml", in: dir)
        #expect(try await SweepProcess.run(["run", "study.toml"], in: dir).status == 0)
        try SweepProcess.write(study(pruner: "median", high: "0.5"), to: "study.toml", in: dir)
        let refused = try await SweepProcess.run(["run", "study.toml", "--force"], in: dir)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("parameter 'x'"), "\(refused.stderr)")
    }
}
