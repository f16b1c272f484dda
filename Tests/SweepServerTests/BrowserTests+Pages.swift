import Foundation
import SweepCore
import SweepServer
import Testing

/// Where Chromium is installed, if it is (as `BrowserTests` looks for it).

/// The research log, the parameter plots and the exported page in headless Chromium, with
/// screenshots in `$SWEEP_SCREENSHOTS`.
@Suite(
    .enabled(if: chromiumPath != nil || ProcessInfo.processInfo.environment["CI"] == "true",
             "Chromium is not installed (apt-get install chromium); CI installs it"),
    .timeLimit(.minutes(10)))
struct PageBrowserTests {
    /// A study `tune` (minimize loss) of 80 complete trials and a few pruned ones over four
    /// parameters of each kind, the loss a smooth function of them plus seeded noise.
    static func tuneStudy() throws -> InMemoryStorage {
        let storage = InMemoryStorage()
        let space = SearchSpace([
            .init(name: "learning_rate", distribution: .float(try FloatDistribution(low: 1e-5, high: 0.1, log: true))),
            .init(name: "layers", distribution: .int(try IntDistribution(low: 1, high: 12))),
            .init(name: "optimizer", distribution: .categorical(try CategoricalDistribution([.string("adam"), .string("sgd"), .string("rmsprop"), .string("adagrad_with_a_long_name")]))),
            .init(name: "dropout", distribution: .float(try FloatDistribution(low: 0, high: 0.6))),
        ])
        let study = try storage.createStudy(StudyConfig(name: "tune", direction: .minimize, objective: "loss", space: space))
        var random = SplitMix64(seed: 7)
        for i in 0..<90 {
            let lr = pow(10, -5 + 4 * random.nextUnit()), layers = 1 + Int(random.nextUnit() * 12) % 12
            let optimizer = ["adam", "sgd", "rmsprop", "adagrad_with_a_long_name"][Int(random.nextUnit() * 4) % 4]
            let dropout = 0.6 * random.nextUnit()
            let loss = pow(log10(lr) + 3, 2) / 4 + abs(Double(layers) - 6) / 10 + (optimizer == "sgd" ? 0.3 : 0) + dropout / 2 + 0.1 * random.nextUnit()
            let params: [String: ParamValue] = ["learning_rate": .double(lr), "layers": .int(layers), "optimizer": .string(optimizer), "dropout": .double(dropout)]
            let trial = try storage.createTrial(study: study.id, draft: TrialDraft(params: params, started: Date()))
            for step in 0..<20 { _ = try storage.report(trial: trial.id, step: step, metrics: ["loss": loss + 2 * exp(-Double(step) / 4)]) }
            _ = try storage.finishTrial(trial: trial.id, state: i % 9 == 4 ? .pruned : .complete, value: loss, finished: Date())
        }
        return storage
    }

    @Test func theParameterPlotsRender() async throws {
        let binary = try #require(chromiumPath, "CI=true but Chromium is not installed: .ci/run installs it")
        try await ServerTests.serving(try Self.tuneStudy()) { port in
            let result = try await DevTools.run(
                [
                    ["open": "http://127.0.0.1:\(port)/studies/tune"],
                    ["eval": """
                        ({slices: [...document.querySelectorAll('svg.slice')].map(s => s.dataset.param),
                          dots: document.querySelectorAll('svg.slice circle').length, lines: document.querySelectorAll('#parallel path').length,
                          // Tick labels of one axis that overlap each other.
                          overlaps: [...document.querySelectorAll('svg.slice')].flatMap(svg => {
                            const boxes = [...svg.querySelectorAll('text.x')].map(t => t.getBBox());
                            return boxes.slice(1).filter((b, i) => b.x < boxes[i].x + boxes[i].width).map(() => svg.dataset.param);
                          })})
                        """, "as": "plots"],
                    ["eval": "document.getElementById('parallel').scrollIntoView(); true", "as": "scrolled"],
                    ["shot": BrowserTests.shots.appendingPathComponent("sweep-params.png").path],
                    ["eval": "document.querySelector('div.slices').scrollIntoView(); true", "as": "slices"],
                    ["shot": BrowserTests.shots.appendingPathComponent("sweep-slices.png").path],
                ], chromium: binary)
            let plots = result["plots"] as? [String: Any] ?? [:]
            #expect(plots["slices"] as? [String] == ["learning_rate", "layers", "optimizer", "dropout"], "\(result)")
            #expect(plots["dots"] as? Int == 4 * 80 && plots["lines"] as? Int == 80, "\(plots)")
            #expect(plots["overlaps"] as? [String] == [], "tick labels overlap: \(plots)")
            #expect((result["errors"] as? [String]) == [], "the page threw or logged errors")
        }
    }

    /// The study page links the log; typed words hide the entries without them at once.
    @Test func theResearchLogFiltersAsOneTypes() async throws {
        let binary = try #require(chromiumPath, "CI=true but Chromium is not installed: .ci/run installs it")
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

    /// `sweep export html`'s page opened from a file: the plots are there, and the browser
    /// fetched nothing (no script, no stylesheet, no image, no link).
    @Test func theExportedPageOpensOfflineFromAFile() async throws {
        let binary = try #require(chromiumPath, "CI=true but Chromium is not installed: .ci/run installs it")
        let html = try await SweepServer.exportStudyPage(storage: try Self.tuneStudy(), study: "tune")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-export-\(UUID().uuidString).html")
        try Data(html.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("<script"), "nothing to load or follow")
        let result = try await DevTools.run(
            [
                ["open": file.absoluteString],
                ["eval": """
                    ({plots: document.querySelectorAll('svg').length, rows: document.querySelectorAll('#trials tr').length,
                      fetched: performance.getEntriesByType('resource').map(r => r.name), exported: document.getElementById('exported').textContent})
                    """, "as": "page"],
                ["shot": BrowserTests.shots.appendingPathComponent("sweep-export.png").path],
            ], chromium: binary)
        let page = result["page"] as? [String: Any] ?? [:]
        #expect(page["plots"] as? Int == 1 + 1 + 4 + 2 && page["rows"] as? Int == 90, "curves, parallel, a slice per parameter, progress, best so far; every trial: \(page)")
        #expect(page["fetched"] as? [String] == [], "the page fetched \(page["fetched"] ?? "")")
        #expect((page["exported"] as? String)?.contains("a snapshot of the study, not updated") == true)
        #expect((result["errors"] as? [String]) == [], "the page threw or logged errors")
    }
}
