import Foundation
import Testing

/// `sweep run repo/study.toml` from the folder above: the study file's relative command starts in
/// the file's folder (it used to be looked for in repo/repo and every trial failed).
@Suite struct RunFromAnotherFolderTests {
    @Test func aRelativeCommandStartsBesideTheStudyFile() async throws {
        try await SweepProcess.withTemporaryDirectory { dir in
            let repo = dir.appendingPathComponent("repo")
            try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
            // `command = ["./train.sh"]`; each trial marks itself started in its working folder.
            try SweepProcess.writeSteadyStudy("beside", trials: 2, workers: 1, steps: 1, pause: 0, in: repo)
            let r = try await SweepProcess.run(["run", "repo/study.toml", "--json"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            // With --json standard output is the summary alone; the progress goes to standard error.
            let trials = (SweepProcess.object(r)["trials"] as? [String: Int]) ?? [:]
            #expect(trials["complete"] == 2, "\(r.stdout)")
            #expect(r.stderr.contains("2/2 done"), "\(r.stderr)")
            #expect(SweepProcess.startedTrials(in: repo) == 2, "the trials ran in the study file's folder")
            #expect(SweepProcess.startedTrials(in: dir) == 0)
        }
    }
}
