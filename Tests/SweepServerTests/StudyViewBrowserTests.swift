import Foundation
import SweepCore
import SweepServer
import Testing

/// Where Chromium is installed, if it is (as `BrowserTests` looks for it).

/// The study page's transformed curve view, progress and best-so-far plots in headless Chromium,
/// with screenshots in `$SWEEP_SCREENSHOTS`.
@Suite(
    .enabled(if: chromiumPath != nil || ProcessInfo.processInfo.environment["CI"] == "true",
             "Chromium is not installed (apt-get install chromium); CI installs it"),
    .timeLimit(.minutes(10)))
struct StudyViewBrowserTests {
    @Test func aLogSmoothedViewRendersWithoutErrors() async throws {
        let binary = try #require(chromiumPath, "CI=true but Chromium is not installed: .ci/run installs it")
        try await ServerTests.serving(try PageBrowserTests.tuneStudy()) { port in
            let result = try await DevTools.run(
                [
                    ["open": "http://127.0.0.1:\(port)/studies/tune?metric=loss&scale=log&smooth=3"],
                    ["eval": """
                        ({lines: document.querySelectorAll('#curves g.lines path').length, heading: document.getElementById('curves-heading').textContent,
                          notLive: document.getElementById('not-live')?.textContent ?? null, scale: document.querySelector('#curve-view select[name=scale]').value,
                          progress: document.querySelectorAll('#progress path').length, best: document.querySelectorAll('#best-so-far circle').length})
                        """, "as": "view"],
                    ["shot": BrowserTests.shots.appendingPathComponent("sweep-curve-view.png").path],
                    ["eval": "document.getElementById('progress').scrollIntoView(); true", "as": "scrolled"],
                    ["shot": BrowserTests.shots.appendingPathComponent("sweep-progress.png").path],
                    // The live script keeps polling without touching the plot. Its first answer can be
                    // slow on a loaded machine (a fixed 2 s wait read nothing once): wait for it.
                    ["wait": "document.getElementById('live').textContent === 'live'", "timeout": 60, "as": "liveAfter"],
                    ["eval": "document.getElementById('live').textContent", "as": "live"],
                ], chromium: binary)
            let view = result["view"] as? [String: Any] ?? [:]
            #expect(view["lines"] as? Int == 90 && view["scale"] as? String == "log", "\(result)")
            #expect(view["heading"] as? String == "loss by step, mean of the last 3 reports, log scale", "\(view)")
            #expect(view["notLive"] as? String == "not live: reload for new points", "\(view)")
            #expect(view["progress"] as? Int == 2 && (view["best"] as? Int ?? 0) >= 1, "complete and pruned lines, a dot per improvement: \(view)")
            #expect(result["live"] as? String == "live", "\(result)")
            #expect((result["errors"] as? [String]) == [], "the page threw or logged errors")
        }
    }
}
