import Foundation
import SweepCore
import Testing

/// The pages in a real browser: headless Chromium loads them from a live server, and the DOM it
/// built holds the study, its plot and its table; the study page updates itself while trials
/// report. The screenshots are kept in `$SWEEP_SCREENSHOTS` (default: a temporary folder) for a
/// person to look at.

/// Where Chromium is installed, if it is (one place for every browser test of this target).
let chromiumPath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite(
    .enabled(if: chromiumPath != nil || ProcessInfo.processInfo.environment["CI"] == "true",
             "Chromium is not installed (apt-get install chromium); CI installs it"),
    .timeLimit(.minutes(10)))
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

    /// Where screenshots go.
    static let shots: URL = {
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SWEEP_SCREENSHOTS"] ?? NSTemporaryDirectory())
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    @Test func theStudyPagesRenderInChromium() async throws {
        let storage = try await ServerTests.storage()
        try await ServerTests.serving(storage) { port in
            let index = try await Self.runChromium(["--dump-dom"], "http://127.0.0.1:\(port)/")
            #expect(index.contains("<h1>Studies</h1>"), "\(index.prefix(300))")
            #expect(index.contains("href=\"/studies/demo\""))
            #expect(index.contains("&lt;b&gt;x&amp;y&lt;/b&gt;"), "the browser shows the name as text, not markup")

            let study = try await Self.runChromium(["--dump-dom"], "http://127.0.0.1:\(port)/studies/demo")
            #expect(study.contains("<svg"), "\(study.prefix(300))")
            #expect(study.components(separatedBy: "id=\"parallel\"")[0].components(separatedBy: "<path").count - 1 == 3, "a line per trial")
            #expect(study.contains("<title>trial 0 (complete)</title>"), "each line names its trial")

            for (name, path) in [("studies", "/"), ("study-demo", "/studies/demo")] {
                let shot = Self.shots.appendingPathComponent("sweep-\(name).png")
                _ = try await Self.runChromium(["--screenshot=\(shot.path)", "--window-size=1000,800"], "http://127.0.0.1:\(port)\(path)")
                let png = try Data(contentsOf: shot)
                #expect(png.count > 5_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a real PNG of \(path)")
            }
        }
    }

    /// A study `live` (maximize reward) with smooth curves: trial 0 complete, 1 pruned, 2 running
    /// at step 5.
    static func liveStudy() async throws -> InMemoryStorage {
        let storage = InMemoryStorage()
        let space = SearchSpace([.init(name: "lr", distribution: .float(try FloatDistribution(low: 0.001, high: 1, log: true)))])
        let study = try storage.createStudy(StudyConfig(name: "live", direction: .maximize, objective: "reward", space: space))
        for (i, (rate, steps)) in [(0.25, 20), (0.1, 8), (0.3, 6)].enumerated() {
            let trial = try storage.createTrial(study: study.id, draft: TrialDraft(params: ["lr": .double(rate)], started: Date()))
            for step in 0..<steps { _ = try storage.report(trial: trial.id, step: step, metrics: ["reward": 0.9 * (1 - exp(-rate * Double(step + 1)))]) }
            if i == 0 { _ = try storage.finishTrial(trial: trial.id, state: .complete, value: 0.9 * (1 - exp(-5.0)), finished: Date()) }
            if i == 1 { _ = try storage.finishTrial(trial: trial.id, state: .pruned, value: nil, finished: Date()) }
        }
        return storage
    }

    /// Reports written after the study page loaded (through the HTTP API, into the storage) show
    /// in the page without a reload, within about a second: the running trial's row and line grow,
    /// a new trial gets a row and a line, the counts change; when the trial ends best, its line
    /// turns the best's colour. The page throws nothing.
    @Test func reportsWrittenAfterThePageLoadedAppearWithoutAReload() async throws {
        let binary = try #require(chromiumPath, "CI=true but Chromium is not installed: .ci/run installs it")
        let storage = try await Self.liveStudy()
        try await ServerTests.serving(storage) { port in
            let api = "http://127.0.0.1:\(port)/api/studies/live"
            let facts = """
                ({rows: [...document.querySelectorAll('#trials tr')].map(r => [...r.cells].map(c => c.textContent).join('|')),
                  lines: document.querySelectorAll('#curves path').length,
                  two: document.querySelector('#curves path[data-trial="2"]').getAttribute('d').split('L').length,
                  stroke: document.querySelector('#curves path[data-trial="2"]').getAttribute('stroke'),
                  counts: document.getElementById('counts').textContent, best: document.getElementById('best').textContent,
                  high: document.querySelector('#curves text.high').textContent,
                  same: window.loadedOnce === true, live: document.getElementById('live').textContent})
                """
            var plan: [[String: Any]] = [
                ["open": "http://127.0.0.1:\(port)/studies/live"],
                ["eval": "window.loadedOnce = true; \(facts)", "as": "before"],
                ["shot": Self.shots.appendingPathComponent("sweep-live-before.png").path],
            ]
            // Trial 2 climbs above every value drawn so far (the plot's range grows); trial 3 starts.
            for step in 6..<12 {
                plan.append(["post": "\(api)/trials/2/report", "body": #"{"step": \#(step), "value": \#(0.7 + 0.05 * Double(step - 6))}"#])
            }
            plan.append(["post": "\(api)/ask", "body": ""])
            for (step, value) in [0.25, 0.4, 0.5].enumerated() {
                plan.append(["post": "\(api)/trials/3/report", "body": #"{"step": \#(step), "value": \#(value)}"#])
            }
            plan += [
                // Waits for the last report of each (a poll may come between two reports of trial 3).
                ["wait": "document.querySelector('#trials tr[data-trial=\"3\"]')?.cells[3].textContent === '2' && document.querySelector('#trials tr[data-trial=\"2\"]').cells[3].textContent === '11'", "as": "seen"],
                ["eval": facts, "as": "after"],
                ["shot": Self.shots.appendingPathComponent("sweep-live-running.png").path],
                ["post": "\(api)/trials/2/tell", "body": #"{"value": 0.95}"#],
                ["wait": "document.querySelector('#curves path[data-trial=\"2\"]').getAttribute('stroke') === '#c01c28'", "as": "told"],
                ["eval": facts, "as": "end"],
                ["shot": Self.shots.appendingPathComponent("sweep-live-told.png").path],
            ]
            let result = try await DevTools.run(plan, chromium: binary)
            let before = result["before"] as? [String: Any] ?? [:]
            let after = result["after"] as? [String: Any] ?? [:]
            let end = result["end"] as? [String: Any] ?? [:]
            #expect((before["rows"] as? [String])?.count == 3 && before["lines"] as? Int == 3, "\(before)")
            #expect(before["counts"] as? String == "3 trials: 1 running, 1 complete, 1 pruned")
            let seen = try #require(result["seen"] as? Double, "the reports never showed: \(after)")
            // Polled every 0.8 s: about a second on a quiet machine (the issue's bound); 5 s leaves
            // room for a CI machine running the whole suite on two cores.
            #expect(seen < 5, "shown \(seen) s after the last report was written (polled every 0.8 s)")
            #expect(after["same"] as? Bool == true, "the page was not reloaded")
            #expect((after["rows"] as? [String])?.last == "|3|running|2|–|lr=0.001", "\(after)")
            #expect(after["lines"] as? Int == 4 && (after["two"] as? Int ?? 0) > (before["two"] as? Int ?? 0), "\(after)")
            #expect(after["counts"] as? String == "4 trials: 2 running, 1 complete, 1 pruned")
            #expect(after["high"] as? String != before["high"] as? String, "the plot's range grew: \(after)")
            #expect(after["live"] as? String == "live")
            let told = try #require(result["told"] as? Double, "the end never showed: \(end)")
            #expect(told < 5)
            #expect((end["rows"] as? [String])?.contains("|2|complete|11|0.95|lr=0.3") == true, "\(end)")
            #expect(end["best"] as? String == "best: trial 2, reward = 0.95", "\(end)")
            #expect((result["errors"] as? [String]) == [], "the page threw or logged errors")
            for name in ["before", "running", "told"] {
                let png = try Data(contentsOf: Self.shots.appendingPathComponent("sweep-live-\(name).png"))
                #expect(png.count > 5_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a real PNG")
            }
        }
    }

    /// The study page's table links each trial to its page: clicked in Chromium, the trial page
    /// shows the trial's parameters, provenance and a plot per metric, and throws nothing.
    @Test func theTrialPageOpensFromTheStudyTable() async throws {
        let binary = try #require(chromiumPath, "CI=true but Chromium is not installed: .ci/run installs it")
        let storage = try await Self.liveStudy()
        let study = try storage.study(named: "live")
        let trial = try storage.trial(study: study.id, number: 2)
        try storage.setTrialAttribute(
            trial: trial.id, key: "provenance",
            value: .object(["command": .string("python train.py"), "git_commit": .string("0123abc"), "host": .string("gpu-1")]), system: true)
        for step in 0..<6 { _ = try storage.report(trial: trial.id, step: step, metrics: ["loss": 2.0 / Double(step + 1)]) }
        try storage.addTrialNote(trial: trial.id, note: Note(time: Date(), text: "a smooth climb"))
        try await ServerTests.serving(storage) { port in
            let result = try await DevTools.run(
                [
                    ["open": "http://127.0.0.1:\(port)/studies/live"],
                    ["eval": "document.querySelector('#trials a[href=\"/studies/live/trials/2\"]').click(); true", "as": "clicked"],
                    ["wait": "location.pathname === '/studies/live/trials/2' && document.readyState === 'complete'", "as": "opened"],
                    ["eval": """
                        ({title: document.querySelector('h1').textContent, plots: document.querySelectorAll('svg').length,
                          metrics: [...document.querySelectorAll('h3')].map(h => h.textContent),
                          provenance: [...document.querySelectorAll('#provenance tr')].map(r => r.textContent),
                          params: document.querySelector('#params').textContent, notes: document.querySelector('#notes').textContent})
                        """, "as": "page"],
                    ["shot": Self.shots.appendingPathComponent("sweep-trial.png").path],
                ], chromium: binary)
            #expect(result["opened"] is Double, "the link did not open the trial page: \(result)")
            let page = result["page"] as? [String: Any] ?? [:]
            #expect(page["title"] as? String == "Trial 2" && page["plots"] as? Int == 3, "beside the best, reward, loss: \(page)")
            #expect(page["metrics"] as? [String] == ["reward", "loss"])
            let provenance = page["provenance"] as? [String] ?? []
            #expect(provenance.contains("commandpython train.py") && provenance.contains("git_commit0123abc") && provenance.contains("hostgpu-1"), "\(provenance)")
            #expect((page["params"] as? String)?.hasPrefix("lr0.3") == true && (page["notes"] as? String)?.contains("a smooth climb") == true)
            #expect((result["errors"] as? [String]) == [], "the page threw or logged errors")
            let png = try Data(contentsOf: Self.shots.appendingPathComponent("sweep-trial.png"))
            #expect(png.count > 5_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a real PNG")
        }
    }
}

extension BrowserTests {
    /// Ticking three trials in the study table enables the compare button; clicked, it opens their
    /// compare page, which shows a legend, a coloured line per trial and the table side by side,
    /// and throws nothing.
    @Test func theComparePageOpensFromTickedTrials() async throws {
        let binary = try #require(chromiumPath, "CI=true but Chromium is not installed: .ci/run installs it")
        try await ServerTests.serving(try HostileStudy.storage()) { port in
            let tick = ["1", "3", "4"].map { "document.querySelector('#trials input[value=\"\($0)\"]').click();" }.joined()
            let result = try await DevTools.run(
                [
                    ["open": "http://127.0.0.1:\(port)/studies/\(HostileStudy.path)"],
                    ["eval": "const b = document.getElementById('compare'); `${b.disabled}|${b.textContent}`", "as": "idle"],
                    ["eval": "\(tick) const c = document.getElementById('compare'); `${c.disabled}|${c.textContent}`", "as": "ticked"],
                    ["eval": "document.getElementById('compare').click(); true", "as": "clicked"],
                    ["wait": "location.pathname.endsWith('/compare') && document.readyState === 'complete'", "as": "opened"],
                    ["eval": """
                        ({title: document.querySelector('h1').textContent, search: location.search,
                          legend: [...document.querySelectorAll('#legend li')].map(li => li.textContent),
                          lines: [...document.querySelectorAll('#curves path')].map(p => p.getAttribute('stroke')),
                          differs: [...document.querySelectorAll('#side tr.differs th')].map(th => th.textContent),
                          plots: document.querySelectorAll('svg').length, scripts: document.scripts.length})
                        """, "as": "page"],
                    ["shot": Self.shots.appendingPathComponent("sweep-compare.png").path],
                    ["eval": "document.getElementById('side').scrollIntoView(); true", "as": "scrolled"],
                    ["shot": Self.shots.appendingPathComponent("sweep-compare-table.png").path],
                ], chromium: binary)
            #expect(result["idle"] as? String == "true|compare", "\(result)")
            #expect(result["ticked"] as? String == "false|compare 3 trials", "\(result)")
            #expect(result["opened"] is Double, "the button did not open the compare page: \(result)")
            let page = result["page"] as? [String: Any] ?? [:]
            #expect(page["title"] as? String == "Compare trials 1, 3, 4" && page["search"] as? String == "?trials=1,3,4", "\(page)")
            #expect((page["legend"] as? [String])?.count == 3 && page["plots"] as? Int == 2, "\(page)")
            #expect(Set(page["lines"] as? [String] ?? []).count == 3, "three colours: \(page)")
            #expect(page["differs"] as? [String] == ["lr", "layers", "opt", "dropout"].sorted(), "\(page)")
            #expect(page["scripts"] as? Int == 0, "the name ran as a script")
            #expect((result["errors"] as? [String]) == [], "the page threw or logged errors")
        }
    }
}
