import Foundation
import SweepCore
import SweepServer
import Testing

/// Where Chromium is installed, if it is (as `BrowserTests` looks for it).
private let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// The research log in headless Chromium, with
/// screenshots in `$SWEEP_SCREENSHOTS`.
@Suite(
    .enabled(if: chromium != nil || ProcessInfo.processInfo.environment["CI"] == "true",
             "Chromium is not installed (apt-get install chromium); CI installs it"),
    .timeLimit(.minutes(2)))
struct PageBrowserTests {
    /// The study page links the log; typed words hide the entries without them at once.
    @Test func theResearchLogFiltersAsOneTypes() async throws {
        let binary = try #require(chromium, "CI=true but Chromium is not installed: .ci/run installs it")
        try await ServerTests.serving(try HostileStudy.storage()) { port in
            let visible = "[...document.querySelectorAll('#log li')].filter(li => !li.hidden).map(li => li.querySelector('.text').textContent)"
            let result = try await DevTools.run(
                [
                    ["open": "http://127.0.0.1:\(port)/studies/\(HostileStudy.path)"],
                    ["eval": "document.getElementById('log-link').click(); true", "as": "clicked"],
                    ["wait": "location.pathname.endsWith('/log') && document.readyState === 'complete'", "as": "opened"],
                    ["eval": "({shown: \(visible), title: document.title, scripts: document.querySelectorAll('script').length})", "as": "all"],
                    ["shot": BrowserTests.shots.appendingPathComponent("sweep-log.png").path],
                    ["eval": "const q = document.querySelector('#search input'); q.value = '<B> spiky'; q.dispatchEvent(new Event('input')); ({shown: \(visible), count: document.getElementById('shown').textContent})", "as": "typed"],
                    ["shot": BrowserTests.shots.appendingPathComponent("sweep-log-search.png").path],
                ], chromium: binary)
            #expect(result["opened"] is Double, "the study page's link did not open the log: \(result)")
            let all = result["all"] as? [String: Any] ?? [:]
            #expect((all["shown"] as? [String])?.count == 8 && (all["shown"] as? [String])?.last == "<b>baseline</b> first", "\(all)")
            #expect(all["title"] as? String == "<script>alert(1)</script> · research log · Sweep" && all["scripts"] as? Int == 1, "\(all)")
            let typed = result["typed"] as? [String: Any] ?? [:]
            #expect(typed["shown"] as? [String] == ["<b>spiky</b> start"] && typed["count"] as? String == "1 of 8 entries", "\(typed)")
            #expect((result["errors"] as? [String]) == [], "the page threw or logged errors")
        }
    }
}
