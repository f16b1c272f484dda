import Foundation
import SweepCore
import Testing

/// The trial page: its curve beside the best complete trials, and the end of its log.
@Suite(.timeLimit(.minutes(10))) struct TrialPageTests {
    @Test func theTrialIsDrawnBesideTheBestAndItsLogTailShown() async throws {
        let storage = try await ServerTests.storage()
        let demo = try storage.study(named: "demo")
        let running = try storage.trial(study: demo.id, number: 2)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-logs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = (0..<100).map { "epoch \($0) <script>alert(\($0))</script>" }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("2.log"))
        try Data("seed one\n".utf8).write(to: folder.appendingPathComponent("2.1.log"))
        try Data("not mine\n".utf8).write(to: folder.appendingPathComponent("12.log"))
        try storage.setTrialAttribute(
            trial: running.id, key: "provenance", value: .object(["log_directory": .string(folder.path), "host": .string("gpu-1")]),
            system: true)
        try await ServerTests.serving(storage) { port in
            let page = try await ServerTests.get(port, "/studies/demo/trials/2")
            #expect(page.status == 200)
            #expect(page.body.contains("<h2>Beside the best</h2>") && page.body.contains("href=\"0\">trial 0</a>"), "\(page.body.prefix(2_000))")
            #expect(page.body.contains("epoch 99 &lt;script&gt;alert(99)&lt;/script&gt;") && !page.body.contains("<script>alert("))
            #expect(!page.body.contains("epoch 39 "), "the last 60 lines only")
            #expect(page.body.contains("<h3>2.1.log</h3>") && !page.body.contains("not mine"), "its repeats' logs, no other trial's")
            // Elsewhere: where the log is kept.
            try FileManager.default.removeItem(at: folder)
            let away = try await ServerTests.get(port, "/studies/demo/trials/2")
            #expect(away.body.contains("Kept where the trial ran on gpu-1"), "\(away.body.suffix(600))")
            // A trial with nothing to compare (the best itself) has no such plot.
            #expect(!(try await ServerTests.get(port, "/studies/demo/trials/0")).body.contains("Beside the best"))
        }
    }
}
