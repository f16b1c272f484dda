import Foundation
import SweepTestSupport
import Testing

/// The pages of a study made by `sweep run examples/toy.toml`, served by `sweep serve` and loaded
/// in headless Chromium as a person opens them: studies, study, trial, compare, judging queue,
/// pair labelling, quiz and importance. Each renders its content and the browser logs no error.
@Suite(
    .enabled(if: chromium != nil || ProcessInfo.processInfo.environment["CI"] == "true",
             "Chromium is not installed (apt-get install chromium); CI installs it"),
    .timeLimit(.minutes(10)))
struct ExamplePagesBrowserTests {
    @Test func everyPageOfTheToyExampleLoadsInChromium() async throws {
        let binary = try #require(chromium, "CI=true but Chromium is not installed: .ci/run installs it")
        let dir = try await ServeCommandTests.toyStudyFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (server, _, port) = try await ServeCommandTests.start(["serve", "--port", "0"], in: dir)
        defer { if server.isRunning { server.terminate() } }
        let base = "http://127.0.0.1:\(port)"
        let pages: [(path: String, shows: String)] = [
            ("/", "href=\"/studies/toy\""),
            ("/studies/toy", "id=\"trials\""),
            ("/studies/toy/trials/0", "<h1>Trial 0</h1>"),
            ("/studies/toy/compare?trials=0,1,2", "Compare trials 0, 1, 2"),
            ("/studies/toy/judge", "No trial is waiting for a person."),
            ("/studies/toy/label", "id=\"pair\""),
            ("/studies/toy/quiz?seed=1&count=5", "<form id=\"quiz\""),
            ("/studies/toy/importance", "id=\"importance\""),
        ]
        for (path, shows) in pages {
            let (dom, log) = try await Self.load(binary, base + path)
            #expect(dom.contains(shows), "\(path): \(dom.prefix(400))")
            let errors = log.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
            #expect(errors.isEmpty, "\(path) logged: \(errors.joined(separator: "\n"))")
        }
        _ = try await ServeCommandTests.stop(server)
    }

    /// The DOM Chromium built for `url`, and what it logged (console messages included).
    static func load(_ binary: String, _ url: String) async throws -> (dom: String, log: String) {
        try await offPool {
            let profile = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-chromium-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: profile) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                                 "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0", "--dump-dom", url]
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-dom-\(UUID().uuidString)")
            let err = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-log-\(UUID().uuidString)")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            _ = FileManager.default.createFile(atPath: err.path, contents: nil)
            defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
            process.waitUntilExit()
            return ((try? String(contentsOf: out, encoding: .utf8)) ?? "", (try? String(contentsOf: err, encoding: .utf8)) ?? "")
        }
    }
}

/// Where Chromium is installed, if it is.
private let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
