import Foundation
import Testing

/// `sweep run repo/study.toml` from the folder above: the study file's relative command starts in
/// the file's folder (it used to be looked for in repo/repo and every trial failed).
@Suite struct RunFromAnotherFolderTests {
    @Test func aRelativeCommandStartsBesideTheStudyFile() async throws {
        try await SweepProcess.withTemporaryDirectory { dir in
            let repo = dir.appendingPathComponent("repo")
            try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
            try SweepProcess.write(
                """
                name = "beside"
                trials = 2
                sampler = "random"
                pruner = "nop"
                [objective]
                command = ["./train.sh"]
                [params]
                x = "float:0:1"
                """, to: "study.toml", in: repo)
            try SweepProcess.write(
                """
                #!/bin/sh
                pwd > ran-in
                echo '{"step": 0, "value": 1.5}'
                """, to: "train.sh", in: repo, executable: true)
            let r = try await SweepProcess.run(["run", "repo/study.toml", "--json"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            // With --json standard output is the summary alone; the progress goes to standard error.
            let trials = (SweepProcess.object(r)["trials"] as? [String: Int]) ?? [:]
            #expect(r.stderr.contains("2/2 done"), "\(r.stderr)")
            #expect(trials["complete"] == 2, "\(r.stdout)")
            let ranIn = try String(contentsOf: repo.appendingPathComponent("ran-in"), encoding: .utf8)
            #expect(URL(fileURLWithPath: ranIn.trimmingCharacters(in: .whitespacesAndNewlines)).standardizedFileURL.path
                == repo.standardizedFileURL.path)
        }
    }
}
