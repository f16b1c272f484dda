import Foundation
import Testing

/// Where Chromium is installed, if it is.

/// The study page's trial table in a real browser: its links page, sort and filter on the server,
/// and the filter box submits; the page throws nothing. The screenshot shows the table.
@Suite(
    .enabled(if: chromiumPath != nil || ProcessInfo.processInfo.environment["CI"] == "true",
             "Chromium is not installed (apt-get install chromium); CI installs it"),
    .timeLimit(.minutes(10)))
struct TableBrowserTests {
    @Test func theTablePagesSortsAndFiltersThroughItsLinks() async throws {
        let binary = try #require(chromiumPath, "CI=true but Chromium is not installed: .ci/run installs it")
        try await ServerTests.serving(try StudyTableTests.storage(trials: 1_000)) { port in
            let facts = """
                ({range: document.getElementById('range').textContent, search: location.search,
                  rows: [...document.querySelectorAll('#trials tr')].map(r => Number(r.dataset.trial)),
                  states: [...new Set([...document.querySelectorAll('#trials td.state')].map(td => td.textContent))]})
                """
            let result = try await DevTools.run(
                [
                    ["open": "http://127.0.0.1:\(port)/studies/big"],
                    ["eval": facts, "as": "first"],
                    ["eval": "document.getElementById('page-next').click(); true", "as": "next"],
                    ["wait": "location.search === '?offset=100' && document.readyState === 'complete'", "as": "paged"],
                    ["eval": facts, "as": "second"],
                    ["eval": "document.querySelector('a.sort[href*=\"sort=value\"]').click(); true", "as": "sort"],
                    ["wait": "location.search.includes('sort=value') && document.readyState === 'complete'", "as": "sorted"],
                    ["eval": facts, "as": "byValue"],
                    ["eval": "document.getElementById('trials-heading').scrollIntoView(); true", "as": "scrolled"],
                    ["shot": BrowserTests.shots.appendingPathComponent("sweep-study-table.png").path],
                    ["eval": "[...document.querySelectorAll('#state-filter a')].find(a => a.textContent.startsWith('pruned')).click(); true", "as": "filter"],
                    ["wait": "location.search.includes('state=pruned') && document.readyState === 'complete'", "as": "filtered"],
                    ["eval": "const f = document.getElementById('param-filter'); f.param.value = 'opt=sgd'; f.submit(); true", "as": "submit"],
                    ["wait": "location.search.includes('param=opt') && document.readyState === 'complete'", "as": "searched"],
                    ["eval": facts, "as": "sgd"],
                    ["eval": "document.getElementById('trials-heading').scrollIntoView(); true", "as": "scrolledAgain"],
                    ["shot": BrowserTests.shots.appendingPathComponent("sweep-study-table-filtered.png").path],
                ], chromium: binary)
            let first = result["first"] as? [String: Any] ?? [:]
            #expect(first["range"] as? String == "trials 1–100 of 1,000" && (first["rows"] as? [Int]) == Array(0..<100), "\(first)")
            let second = result["second"] as? [String: Any] ?? [:]
            #expect(second["range"] as? String == "trials 101–200 of 1,000" && (second["rows"] as? [Int])?.first == 100, "\(second)")
            let byValue = result["byValue"] as? [String: Any] ?? [:]
            #expect(byValue["search"] as? String == "?sort=value" && (byValue["rows"] as? [Int])?.first == 97, "lowest value 0 first (97 % 97): \(byValue)")
            // Pruned trials whose opt is sgd: odd numbers ending in 0 — none; the filter keeps the state.
            let sgd = result["sgd"] as? [String: Any] ?? [:]
            #expect((sgd["search"] as? String)?.contains("state=pruned") == true && (sgd["search"] as? String)?.contains("sort=value") == true, "\(sgd)")
            #expect(sgd["rows"] as? [Int] == [] && (sgd["range"] as? String)?.contains("no trial passes the filter") == true, "\(sgd)")
            #expect((result["errors"] as? [String]) == [], "the page threw or logged errors")
        }
    }
}
