import Foundation
import SweepCore
import Testing

/// The pages in a real browser: headless Chromium loads them from a live server, and the DOM it
/// built holds the study, its plot and its table. The screenshots are kept in
/// `$SWEEP_SCREENSHOTS` (default: a temporary folder) for a person to look at.
/// Where Chromium is installed, if it is.
private let chromiumPath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite(
    .enabled(if: chromiumPath != nil || ProcessInfo.processInfo.environment["CI"] == "true",
             "Chromium is not installed (apt-get install chromium); CI installs it"),
    .timeLimit(.minutes(2)))
struct BrowserTests {
    /// Runs headless Chromium on `url` with `arguments`; its standard output, read from a file
    /// (the browser's helper processes may keep a pipe open after it exits).
    static func runChromium(_ arguments: [String], _ url: String) async throws -> String {
        let binary = try #require(chromiumPath, "CI=true but Chromium is not installed: .ci/run installs it")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-chromium-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let status = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            Thread {
                do {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: binary)
                    process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                         "--no-first-run", "--user-data-dir=\(output.path).profile"] + arguments + [url]
                    process.standardOutput = try FileHandle(forWritingTo: output)
                    process.standardError = FileHandle.nullDevice
                    try process.run()
                    process.waitUntilExit()
                    try? FileManager.default.removeItem(atPath: output.path + ".profile")
                    continuation.resume(returning: process.terminationStatus)
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
        #expect(status == 0, "chromium exited \(status)")
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    @Test func theStudyPagesRenderInChromium() async throws {
        let storage = try await ServerTests.storage()
        let shots = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SWEEP_SCREENSHOTS"] ?? NSTemporaryDirectory())
        try await ServerTests.serving(storage) { port in
            let index = try await Self.runChromium(["--dump-dom"], "http://127.0.0.1:\(port)/")
            #expect(index.contains("<h1>Studies</h1>"), "\(index.prefix(300))")
            #expect(index.contains("href=\"/studies/demo\""))
            #expect(index.contains("&lt;b&gt;x&amp;y&lt;/b&gt;"), "the browser shows the name as text, not markup")

            let study = try await Self.runChromium(["--dump-dom"], "http://127.0.0.1:\(port)/studies/demo")
            #expect(study.contains("<svg"), "\(study.prefix(300))")
            #expect(study.components(separatedBy: "<path").count - 1 == 3, "a line per trial")
            #expect(study.contains("<title>trial 0 (complete)</title>"), "each line names its trial")

            for (name, path) in [("studies", "/"), ("study-demo", "/studies/demo")] {
                let shot = shots.appendingPathComponent("sweep-\(name).png")
                _ = try await Self.runChromium(["--screenshot=\(shot.path)", "--window-size=1000,800"], "http://127.0.0.1:\(port)\(path)")
                let png = try Data(contentsOf: shot)
                #expect(png.count > 5_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a real PNG of \(path)")
            }
        }
    }
}
