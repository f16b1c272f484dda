import Foundation
import Testing

/// `Benchmarks/frontier.py` on a fixture with known answers: the benchmark of issue 11 scores
/// what it says it scores.
@Suite struct FrontierScriptTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Benchmarks/frontier.py")

    @Test func aJudgeThatStopsEverythingAndOneThatStopsNothing() throws {
        let dir = try SweepProcess.temporaryDirectory()
        // Two seeds of each of three configurations; the best configuration is "b".
        var lines: [String] = []
        for (config, level) in [("a", 0.2), ("b", 0.9), ("c", 0.5)] {
            for seed in 0..<2 {
                let curve = (0..<10).map { level + 0.01 * Double($0 + seed) }
                lines.append(
                    #"{"id": "\#(config)\#(seed)", "group": "\#(config)", "labels": {"source": "fixture"}, "curve": [\#(curve.map { "\($0)" }.joined(separator: ","))]}"#)
            }
        }
        try SweepProcess.write(lines.joined(separator: "\n") + "\n", to: "fixture.jsonl", in: dir)
        try SweepProcess.write("", to: "doc.md", in: dir)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Self.script.path, "--sweep", SweepProcess.binary.path, "--shuffles", "1", "--files",
            dir.appendingPathComponent("fixture.jsonl").path, "--settings", "nop;threshold:lower=1000000000",
            "--doc", dir.appendingPathComponent("doc.md").path,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let result = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let rows = try #require((result["groups"] as? [String: Any])?["fixture"] as? [[String: Any]])
        let nop = try #require(rows.first { $0["spec"] as? String == "nop" })
        let stopAll = try #require(rows.first { $0["spec"] as? String == "threshold:lower=1000000000" })
        #expect(nop["steps"] as? Double == 1 && nop["regret"] as? Double == 0, "\(nop)")
        // Each group of two seeds is one trial of 10 steps; stopped after its first: 1 of 10.
        #expect(abs((stopAll["steps"] as? Double ?? 0) - 0.1) < 1e-9 && stopAll["regret"] as? Double == 1, "\(stopAll)")
        #expect(nop["front"] as? Bool == true && stopAll["front"] as? Bool == true, "neither beats the other on both")
        let doc = try String(contentsOf: dir.appendingPathComponent("doc.md"), encoding: .utf8)
        #expect(doc.contains("No setting keeps mean regret at most 0.002 with max at most 0.05 here."), "nop does not count")
    }
}
