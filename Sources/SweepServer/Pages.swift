import Hummingbird
import SweepCore
import SweepCurves

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
            rows += "<tr><td><a href=\"/studies/\(pathSegment(s.record.name))\">\(escaped(s.record.name))</a></td>"
                + "<td>\(escaped(s.record.config.direction.rawValue)) \(escaped(s.record.config.objective))</td>"
                + "<td>\(escaped(counts.joined(separator: ", ")))</td>"
                + "<td class=\"n\">\(s.best.map(formatNumber) ?? "–")</td></tr>"
        }
        let table = summaries.isEmpty
            ? "<p class=\"muted\">No study in this storage yet.</p>"
            : "<table><thead><tr><th>study</th><th>objective</th><th>trials</th><th class=\"n\">best</th></tr></thead><tbody>\(rows)</tbody></table>"
        return Responses.html(page(title: "Studies", body: "<h1>Studies</h1>\(table)"))
    }
}
