import Foundation
import SweepCore
@testable import SweepServer
import Testing

/// The study page's curve view (`?metric=`, `?scale=log`, `?smooth=K`), its progress plot and its
/// best-so-far plot.
@Suite(.timeLimit(.minutes(10))) struct StudyViewTests {
    /// The study `s` (minimize loss): trials 0 to 11, reporting loss = step - 3 + n and acc at
    /// steps 0 to 9 (ten loss reports ≤ 0 in all); n % 4 == 1 pruned, n % 4 == 3 failed, 11 running
    /// (it also reports a metric with markup in its name), the others complete with value 20 - n
    /// but trial 6 (30).
    static func storage() throws -> InMemoryStorage {
        let storage = InMemoryStorage()
        let study = try storage.createStudy(StudyConfig(name: "s", direction: .minimize, objective: "loss"))
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for n in 0..<12 {
            let trial = try storage.createTrial(study: study.id, draft: TrialDraft(params: ["x": .int(n)], started: start))
            for step in 0..<10 {
                var metrics = ["loss": Double(step - 3 + n), "acc": Double(step) / 10]
                if n == 11 { metrics[Self.hostile] = 1 }
                _ = try storage.report(trial: trial.id, step: step, metrics: metrics)
            }
            if n == 11 { continue }
            let state: TrialState = n % 4 == 1 ? .pruned : n % 4 == 3 ? .failed : .complete
            _ = try storage.finishTrial(
                trial: trial.id, state: state, value: state == .complete ? Double(n == 6 ? 30 : 20 - n) : nil,
                finished: start.addingTimeInterval(Double(60 * n)))
        }
        return storage
    }

    static let hostile = "<i>\"m&"

    @Test func theDefaultViewOffersTheStudysMetricsAndStaysLive() async throws {
        try await ServerTests.serving(try Self.storage()) { port in
            let page = try await ServerTests.get(port, "/studies/s")
            #expect(page.status == 200)
            #expect(page.body.contains("<h2 id=\"curves-heading\">loss by step</h2>"))
            #expect(page.body.contains("<option value=\"loss\" selected>loss</option><option value=\"&lt;i&gt;&quot;m&amp;\">"), "the objective first, then by name")
            #expect(page.body.contains("<option value=\"acc\">acc</option>"))
            #expect(!page.body.contains("<i>"), "a metric's name is escaped")
            #expect(page.body.contains("data-plot-live=\"true\"") && !page.body.contains("id=\"not-live\""))
        }
    }

    /// The table's links and forms keep the curve view, and the view's form keeps the table's query.
    @Test func theViewAndTheTableKeepEachOther() async throws {
        try await ServerTests.serving(try Self.storage()) { port in
            let page = try await ServerTests.get(port, "/studies/s?metric=acc&smooth=3&state=complete&limit=50")
            #expect(page.status == 200)
            let sortLink = try #require(page.body.components(separatedBy: "class=\"sort\" href=\"").dropFirst().first?.prefix { $0 != "\"" })
            #expect(sortLink.contains("metric=acc") && sortLink.contains("smooth=3") && sortLink.contains("state=complete"), "\(sortLink)")
            let filter = try #require(page.body.components(separatedBy: "id=\"param-filter\"").last?.components(separatedBy: "</form>").first)
            #expect(filter.contains("name=\"metric\" value=\"acc\"") && filter.contains("name=\"smooth\" value=\"3\""), "\(filter)")
            let view = try #require(page.body.components(separatedBy: "id=\"curve-view\"").last?.components(separatedBy: "</form>").first)
            #expect(view.contains("name=\"state\" value=\"complete\"") && view.contains("name=\"limit\" value=\"50\""), "\(view)")
            // The default view adds nothing to the table's links.
            let plain = try await ServerTests.get(port, "/studies/s")
            #expect(!plain.body.contains("metric=") && !plain.body.contains("smooth="))
        }
    }

    @Test func anotherMetricIsDrawnAndTheViewIsNotLive() async throws {
        try await ServerTests.serving(try Self.storage()) { port in
            let page = try await ServerTests.get(port, "/studies/s?metric=acc")
            #expect(page.status == 200)
            #expect(page.body.contains("<h2 id=\"curves-heading\">acc by step</h2>"))
            #expect(page.body.contains("<option value=\"acc\" selected>acc</option>"))
            #expect(page.body.contains("data-high=\"0.9\"") && page.body.contains("data-low=\"0.0\""), "acc runs 0 to 0.9")
            #expect(page.body.contains("data-plot-live=\"false\"") && page.body.contains("not live: reload"))

            let hostile = try await ServerTests.get(port, "/studies/s?metric=%3Ci%3E%22m%26")
            #expect(hostile.status == 200 && hostile.body.contains("&lt;i&gt;&quot;m&amp; by step") && !hostile.body.contains("<i>"))
        }
    }

    @Test func anUnknownMetricIsA400NamingTheKnownOnes() async throws {
        try await ServerTests.serving(try Self.storage()) { port in
            let bad = try await ServerTests.get(port, "/studies/s?metric=nope")
            #expect(bad.status == 400 && bad.contentType.hasPrefix("text/html"))
            let names = "(&#39;loss&#39;, &#39;&lt;i&gt;&quot;m&amp;&#39;, &#39;acc&#39;); got &#39;nope&#39;"
            #expect(bad.body.contains("metric must be one of this study&#39;s metrics \(names)"), "\(bad.body)")
        }
    }

    @Test func theLogScaleLeavesOutNonPositiveReportsAndSaysHowMany() async throws {
        try await ServerTests.serving(try Self.storage()) { port in
            let page = try await ServerTests.get(port, "/studies/s?scale=log")
            #expect(page.status == 200)
            #expect(page.body.contains("<span id=\"log-left-out\">10 reports ≤ 0 left out of the log plot</span>"), "\(page.body.count)")
            #expect(page.body.contains("loss by step, log scale") && page.body.contains("<option value=\"log\" selected>"))
            // The highest loss is 9 - 3 + 11 = 17: log10(17) drawn, 17 labelled.
            #expect(page.body.contains("data-high=\"\(log10(17.0))\"") && page.body.contains(">17</text>"))
            #expect(page.body.contains("data-plot-live=\"false\""))
        }
    }

    @Test func smoothingIsATrailingMean() async throws {
        let pairs: [(step: Int, value: Double)] = [(0, 1), (1, 3), (2, .nan), (3, 5), (4, 7)]
        let smoothed = CurveView.trailingMean(pairs, window: 2).map(\.value)
        #expect(smoothed[0] == 1 && smoothed[1] == 2 && smoothed[2].isNaN && smoothed[3] == 5 && smoothed[4] == 6, "\(smoothed)")
        try await ServerTests.serving(try Self.storage()) { port in
            let page = try await ServerTests.get(port, "/studies/s?smooth=3")
            #expect(page.status == 200 && page.body.contains("loss by step, mean of the last 3 reports"))
            #expect(page.body.contains("value=\"3\"") && page.body.contains("data-plot-live=\"false\""))
            // Trial 11's last three losses are 15, 16, 17: the highest point drawn is 16.
            #expect(page.body.contains("data-high=\"16.0\""), "smoothed before drawing")
        }
    }

    @Test func badScaleOrSmoothingIsA400() async throws {
        try await ServerTests.serving(try Self.storage()) { port in
            for (query, message) in [
                ("scale=ln", "scale must be linear or log; got &#39;ln&#39;"), ("smooth=0", "smooth must be an integer in 1...1000"),
                ("smooth=1001", "smooth must be an integer in 1...1000"), ("smooth=two", "got &#39;two&#39;"),
            ] {
                let bad = try await ServerTests.get(port, "/studies/s?\(query)")
                #expect(bad.status == 400 && bad.contentType.hasPrefix("text/html") && bad.body.contains(message), "\(query): \(bad.body)")
            }
        }
    }

    @Test func progressAndBestSoFarAreDrawnFromTheTrials() async throws {
        try await ServerTests.serving(try Self.storage()) { port in
            let page = try await ServerTests.get(port, "/studies/s")
            #expect(page.body.contains("id=\"progress\"") && page.body.contains("data-running=\"1\""))
            #expect(page.body.contains(">6 complete</tspan>") && page.body.contains(">3 pruned</tspan>") && page.body.contains(">2 failed</tspan>"))
            #expect(page.body.contains("<title>6 complete</title>") && page.body.contains("<title>2 failed</title>"))
            let plot = try #require(page.body.components(separatedBy: "id=\"best-so-far\"").dropFirst().first?.components(separatedBy: "</svg>").first)
            let dots = plot.components(separatedBy: "<circle data-trial=\"").dropFirst().map { Int($0.prefix { $0.isNumber }) }
            #expect(dots == [0, 2, 4, 8, 10], "trial 6 (30) does not improve on 16")
        }
    }
}
