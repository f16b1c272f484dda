import Foundation
import Testing

extension BrowserTests {
    /// The importance page in Chromium: a bar per parameter, the important one longest, no errors.
    @Test func theImportancePageDrawsABarPerParameter() async throws {
        let binary = try #require(chromiumPath, "CI=true but Chromium is not installed: .ci/run installs it")
        try await ServerTests.serving(try ImportancePageTests.storage()) { port in
            let result = try await DevTools.run(
                [
                    ["open": "http://127.0.0.1:\(port)/studies/imp/importance"],
                    ["eval": "[...document.querySelectorAll('#importance rect')].map(r => [r.dataset.param, Number(r.getAttribute('width'))])", "as": "bars"],
                    ["shot": Self.shots.appendingPathComponent("sweep-importance.png").path],
                ], chromium: binary)
            let bars = result["bars"] as? [[Any]] ?? []
            #expect(bars.count == 2 && bars.first?.first as? String == "x", "\(result)")
            #expect((bars.first?.last as? Double ?? 0) > (bars.last?.last as? Double ?? 0))
            #expect((result["errors"] as? [String]) == [], "the page threw or logged errors")
        }
    }
}
