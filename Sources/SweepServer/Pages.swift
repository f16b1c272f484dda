import Hummingbird
import SweepCore
import SweepCurves

/// The pages: every study, and one study with its curves and trials.
struct Pages: Sendable {
    let storage: any Storage

    /// How many trials a study page lists (the API pages through all of them).
    static let listedTrials = 500
    /// Points per curve on a study page's plot.
    static let plotPoints = 200

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in try await studies() }
        router.get("/studies/:name") { _, context in try await study(try studyName(context)) }
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

    func study(_ name: String) async throws -> Response {
        // This study only: its record, its trials, its best trial (one indexed query).
        let record = try await answering { try await storage.study(named: name) }
        let bestTrial = try await answering { try await storage.bestTrial(study: record.id, direction: record.config.direction) }
        let objective = record.config.objective
        let trials = try await answering { try await storage.trials(study: record.id, states: nil) }
        let plot = CurvesPlot(
            lines: trials.map { trial in
                let curve = trial.curve(objective).sortedPairs
                return CurvesPlot.Line(
                    number: trial.number, state: trial.state,
                    points: CurveDownsampling.keepingExtremes(
                        steps: curve.map(\.step), values: curve.map(\.value), points: Self.plotPoints))
            },
            best: bestTrial?.number)
        var rows = ""
        for trial in trials.prefix(Self.listedTrials) {
            let params = trial.params.keys.sorted().map { "\($0)=\(trial.params[$0]?.description ?? "")" }.joined(separator: " ")
            rows += "<tr><td class=\"n\">\(trial.number)</td><td>\(trial.state.rawValue)</td>"
                + "<td class=\"n\">\(trial.value.map(formatNumber) ?? "–")</td><td>\(escaped(params))</td></tr>"
        }
        let more = trials.count > Self.listedTrials
            ? "<p class=\"muted\">The first \(Self.listedTrials) of \(trials.count) trials; all of them: /api/studies/\(escaped(pathSegment(name)))/trials</p>"
            : ""
        let best = bestTrial.map { "best: trial \($0.number), \(escaped(objective)) = \($0.value.map(formatNumber) ?? "–")" } ?? "no trial completed yet"
        let body = """
            <p><a href="/">Studies</a></p>
            <h1>\(escaped(name))</h1>
            <p>\(escaped(record.config.direction.rawValue)) <b>\(escaped(objective))</b> · sampler \(escaped(record.config.sampler)) · pruner \(escaped(record.config.pruner)) · \(trials.count) trials · \(best)</p>
            <h2>\(escaped(objective)) by step</h2>
            \(plot.svg())
            <h2>Trials</h2>
            <table><thead><tr><th class="n">#</th><th>state</th><th class="n">\(escaped(objective))</th><th>parameters</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            \(more)
            """
        return Responses.html(page(title: name, body: body))
    }
}
