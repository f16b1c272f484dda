import Hummingbird
import SweepCore
import SweepCurves
import SweepWire

/// The pages: every study, one study with its curves and a page of its trials (`Pages+Study.swift`,
/// `Pages+TrialTable.swift`), one trial
/// (`Pages+Trial.swift`), trials compared (`Pages+Compare.swift`), the research log
/// (`Pages+Log.swift`). A page that cannot be shown is an error page with the status (`ErrorPage`).
struct Pages: Sendable {
    let storage: any Storage
    /// Where each study's feed was last read, so a study page reads only its tail.
    let cursors = FeedCursors()

    /// Points per curve on a study page's plot.
    static let plotPoints = 200

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in try await ErrorPage.answering { try await studies() } }
        router.get("/studies/:name") { request, context in
            try await ErrorPage.answering { try await study(try studyName(context), request) }
        }
        router.get("/studies/:name/trials/:number") { _, context in
            try await ErrorPage.answering {
                try await trial(try studyName(context), number: try trialNumber(context))
            }
        }
        router.get("/studies/:name/compare") { request, context in
            try await ErrorPage.answering { try await compare(try studyName(context), request) }
        }
        router.get("/studies/:name/log") { request, context in
            try await ErrorPage.answering { try await log(try studyName(context), request) }
        }
    }

    func studies() async throws -> Response {
        let summaries = try await answering { try await storage.studies() }
        var rows = ""
        for s in summaries {
            let counts = TrialState.allCases.compactMap { state in s.counts[state].map { "\($0) \(state.rawValue)" } }
            // Each study's trials without curves: when it last moved, and its best value so far.
            let trials = try await answering { try await storage.trials(study: s.record.id, states: nil, curves: .only([])) }
            let last = trials.compactMap { $0.finished ?? $0.started }.max()
            rows += "<tr><td><a href=\"/studies/\(pathSegment(s.record.name))\">\(escaped(s.record.name))</a></td>"
                + "<td>\(escaped(s.record.config.direction.rawValue)) \(escaped(s.record.config.objective))</td>"
                + "<td>\(escaped(counts.joined(separator: ", ")))</td>"
                + "<td class=\"n\">\(s.best.map(formatNumber) ?? "–")</td>"
                + "<td class=\"spark\" title=\"best value so far, trial by trial\">\(escaped(Self.bestSoFar(trials, s.record.config.direction)))</td>"
                + "<td>\(last.map { "<time datetime=\"\(Wire.time($0))\">\(escaped(Self.logTime($0)))</time>" } ?? "–")</td></tr>"
        }
        let table = summaries.isEmpty
            ? "<p class=\"muted\">No study in this storage yet.</p>"
            : "<table><thead><tr><th>study</th><th>objective</th><th>trials</th><th class=\"n\">best</th><th>best so far</th>"
                + "<th>last activity</th></tr></thead><tbody>\(rows)</tbody></table>"
        return Responses.html(page(title: "Studies", body: "<h1>Studies</h1>\(table)"))
    }

    /// A sparkline of the best complete value so far, in trial-number order (empty when none completed).
    static func bestSoFar(_ trials: [Trial], _ direction: Direction) -> String {
        var best: Double?
        var values: [Double] = []
        for trial in trials.sorted(by: { $0.number < $1.number }) where trial.state == .complete {
            guard let value = trial.value, !value.isNaN else { continue }
            best = best.map { direction.isBetter(value, than: $0) ? value : $0 } ?? value
            values.append(best!)
        }
        return Sparkline.render(values, width: 24)
    }
}
