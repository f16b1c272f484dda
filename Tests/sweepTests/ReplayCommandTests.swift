import Foundation
import Testing

@Suite struct ReplayCommandTests {
    @Test func replayPrintsTheJSONScriptsRelyOn() throws {
        let dir = try SweepProcess.temporaryDirectory()
        var lines: [String] = []
        for i in 0..<12 {
            let curve = (0..<10).map { step in Double(i % 4) * 0.1 + Double(step) * 0.01 }
            lines.append(#"{"id": "t\#(i)", "curve": [\#(curve.map { "\($0)" }.joined(separator: ","))]}"#)
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: dir.appendingPathComponent("c.jsonl"))
        let r = try SweepProcess.run(["replay", "c.jsonl", "--pruner", "median", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let o = SweepProcess.object(r)
        #expect(o["pruner"] as? String == "median")
        #expect((o["trials"] as? [[String: Any]])?.count == 12)
        #expect(o["best_kept"] as? Bool == true)
        let fraction = try #require(o["steps_used_fraction"] as? Double)
        #expect(fraction > 0 && fraction < 1)
        #expect(o["normalized_regret"] as? Double == 0)
    }
}
