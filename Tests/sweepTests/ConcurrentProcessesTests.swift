import Foundation
import Testing

/// Several processes on one SQLite file get unique trial numbers and lose no report.
@Suite struct ConcurrentProcessesTests {
    @Test func parallelWorkersShareOneSQLiteFile() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        #expect(try await SweepProcess.run(["create", "s", "--param", "x=float:0:1", "--pruner", "nop", "--sampler", "random"], in: dir).status == 0)
        let workers = 4
        let trialsPerWorker = 5
        let steps = 4
        let numbers = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var mine: [Int] = []
                    for _ in 0..<trialsPerWorker {
                        let ask = try await SweepProcess.run(["ask", "--json"], in: dir)
                        guard ask.status == 0, let n = SweepProcess.object(ask)["number"] as? Int else {
                            Issue.record("ask failed: \(ask.stderr)")
                            continue
                        }
                        mine.append(n)
                        for step in 0..<steps {
                            let r = try await SweepProcess.run(["report", "--trial", "\(n)", "--step", "\(step)", "--value", "\(step)"], in: dir)
                            #expect(r.status == 0, "\(r.stderr)")
                        }
                        let t = try await SweepProcess.run(["tell", "--trial", "\(n)", "--value", "1"], in: dir)
                        #expect(t.status == 0, "\(t.stderr)")
                    }
                    return mine
                }
            }
            var all: [Int] = []
            for try await part in group { all += part }
            return all
        }
        #expect(numbers.sorted() == Array(0..<(workers * trialsPerWorker)))
        let trials = try JSONSerialization.jsonObject(
            with: Data(try await SweepProcess.run(["trials", "--json", "--curves"], in: dir).stdout.utf8)) as? [[String: Any]]
        #expect(trials?.count == workers * trialsPerWorker)
        for t in trials ?? [] {
            #expect(t["state"] as? String == "complete")
            let curve = (t["metrics"] as? [String: Any])?["value"] as? [[Double]]
            #expect(curve?.count == steps, "trial \(t["number"] ?? "?") lost a report")
        }
    }
}
