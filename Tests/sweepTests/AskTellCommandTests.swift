import Foundation
import Testing

/// The ask / report / tell loop from the shell, on the SQLite default.
@Suite struct AskTellCommandTests {
    @Test func aWholeStudyRunsFromTheShell() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        func sweep(_ args: String...) async throws -> SweepProcess.Result {
            let r = try await SweepProcess.run(args, in: dir)
            #expect(r.status == 0, "sweep \(args.joined(separator: " ")) failed: \(r.stderr)")
            return r
        }
        _ = try await sweep("create", "demo", "--direction", "minimize", "--param", "x=float:-2:2", "--param", "opt=cat:adam,sgd",
            "--pruner", "median:n_startup_trials=1", "--sampler", "random", "--seed", "3")
        // The default storage is ./sweep.db.
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("sweep.db").path))
        for i in 0..<4 {
            let ask = SweepProcess.object(try await sweep("ask", "--json"))
            #expect(ask["number"] as? Int == i)
            let params = ask["params"] as? [String: Any]
            let x = try #require(params?["x"] as? Double)
            #expect((-2...2).contains(x))
            var prunedAt: Int?
            for step in 0..<5 {
                // Trials after the first climb above the first one's curve, so the median prunes them.
                let value = Double(i) + Double(5 - step)
                let answer = try await sweep("report", "--trial", "\(i)", "--step", "\(step)", "--value", "\(value)", "--metric", "loss=\(value * 2)")
                if answer.stdout == "prune\n" {
                    prunedAt = step
                    break
                }
                #expect(answer.stdout == "continue\n")
            }
            if i == 0 { #expect(prunedAt == nil) } else { #expect(prunedAt == 0) }
            if prunedAt == nil { _ = try await sweep("tell", "--trial", "\(i)", "--value", "\(Double(i) + 1)") }
        }
        let trials = try JSONSerialization.jsonObject(with: Data(try await sweep("trials", "--json").stdout.utf8)) as? [[String: Any]]
        #expect(trials?.map { $0["state"] as? String } == ["complete", "pruned", "pruned", "pruned"])
        let best = SweepProcess.object(try await sweep("best", "--json"))
        #expect(best["number"] as? Int == 0)
        #expect(best["value"] as? Double == 1)
        _ = try await sweep("note", "x near 0 is best", "--attr", "owner=ana")
        _ = try await sweep("enqueue", "--set", "x=0.5", "--set", "opt=sgd")
        let queued = SweepProcess.object(try await sweep("ask", "--json"))
        #expect(queued["number"] as? Int == 4)
        #expect((queued["params"] as? [String: Any])?["opt"] as? String == "sgd")
        let studies = try JSONSerialization.jsonObject(with: Data(try await sweep("studies", "--json").stdout.utf8)) as? [[String: Any]]
        #expect(studies?.first?["notes"] as? [String] == ["x near 0 is best"])
        #expect((studies?.first?["trials"] as? [String: Int])?["pruned"] == 3)
        #expect(try await sweep("should-prune", "--trial", "4").stdout == "continue\n")
    }

    @Test func anAskCanBringItsOwnSearchSpace() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        #expect(try await SweepProcess.run(["create", "s", "--sampler", "random"], in: dir).status == 0)
        let r = try await SweepProcess.run(["ask", "--json", "--search-space", #"{"y": {"name": "IntDistribution", "attributes": {"low": 1, "high": 3, "log": false, "step": 1}}}"#], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let y = (SweepProcess.object(r)["params"] as? [String: Any])?["y"] as? Int
        #expect(y.map { (1...3).contains($0) } == true)
    }
}
