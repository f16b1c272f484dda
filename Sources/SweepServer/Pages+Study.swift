import Foundation
import Hummingbird
import SweepCore
import SweepCurves
import SweepWire

extension Pages {
    /// How a study page is rendered: served (kept up to date by `LiveScript`, linking the other
    /// pages, with boxes to compare trials, its trial table one page of what the query selects) or
    /// exported to a file (`SweepServer.exportStudyPage`): every trial listed, no script, no link,
    /// nothing to fetch.
    enum StudyPageMode: Sendable {
        case served(TrialQuery)
        case exported(at: Date)
    }

    /// One study: its counts and best trial, every trial's objective curve, the parameter plots,
    /// a page of the trial table (`?state=&param=&sort=&order=&offset=&limit=`, `TrialQuery`),
    /// kept up to date by `LiveScript` from the feed position read before the trials.
    func study(_ name: String, _ request: Request) async throws -> Response {
        let query = try TrialQuery(request, defaultLimit: Self.pageSize)
        let view = try CurveView(request)
        return Responses.html(try await studyPage(name, mode: .served(query), view: view))
    }

    /// The study page's HTML, its curves drawn as `view` says (the objective's as reported by default).
    func studyPage(_ name: String, mode: StudyPageMode, view chosen: CurveView? = nil) async throws -> String {
        var query: TrialQuery?
        if case .served(let served) = mode { query = served }
        let served = query != nil
        // This study only: its record, its feed position, its best trial (one indexed query), every
        // trial without curves (counts, which curves to draw, parameter plots, the table's order),
        // the objective's curve of the trials the plot draws (all of a small study), and the
        // objective's last report (the step column) of the rows listed.
        let record = try await answering { try await storage.study(named: name) }
        let cursor = served ? try await LiveAPI.cursor(study: record.id, in: storage, known: cursors) : 0
        let bestTrial = try await answering { try await storage.bestTrial(study: record.id, direction: record.config.direction) }
        let objective = record.config.objective
        let trials = try await answering { try await storage.trials(study: record.id, states: nil, curves: .only([])) }
        // The metrics offered: the objective, the best trial's and the newest trial's (one trial read).
        var metrics: Set<String> = [objective]
        if let bestTrial { metrics.formUnion(bestTrial.metrics.keys) }
        if served, let newest = trials.max(by: { $0.number < $1.number }) {
            let read = try await answering { try await storage.trials(ids: [newest.id], curves: .all) }
            for trial in read { metrics.formUnion(trial.metrics.keys) }
        }
        let metricNames = [objective] + metrics.subtracting([objective]).sorted()
        let metric = chosen?.metric ?? objective
        let view = { var v = chosen ?? CurveView(); v.metric = metric; return v }()
        try view.check(known: metricNames)
        let plotLive = !view.isTransformed(objective: objective)
        let drawn = DrawnCurves(trials: trials, direction: record.config.direction, best: bestTrial?.number)
        let counts = Dictionary(grouping: trials, by: \.state).mapValues(\.count)
        let study = "/studies/\(escaped(pathSegment(name)))"
        // The table's trials in its order: a page of what the query selects (all when exported).
        var table: TrialTable?
        var shown = trials
        if let query {
            let kept = query.filtered(trials)
            table = TrialTable(query: query, total: kept.count, studyTotal: trials.count, base: study, counts: counts, view: chosen?.items ?? [])
            shown = Array(query.page(kept))
        }
        // The curves plot and the rows are read and drawn while this task draws the parameter plots.
        let reader = storage, bestNumber = bestTrial?.number, link = served ? name : nil
        async let plotSVG = answering { () async throws -> (String, Int) in
            let curves = try await reader.trials(ids: drawn.ids, curves: .only([metric]))
            var leftOut = 0
            let lines = curves.map { trial in
                let (points, left) = view.transform(trial.curve(metric).sortedPairs)
                leftOut += left
                let kept = CurveDownsampling.keepingExtremes(steps: points.map(\.step), values: points.map(\.value), points: Self.plotPoints)
                return CurvesPlot.Line(number: trial.number, state: trial.state, points: kept)
            }
            return (CurvesPlot(lines: lines, best: bestNumber, logScale: view.logScale).svg(), leftOut)
        }
        async let tableRows = answering { () async throws -> String in
            let read = try await reader.trials(ids: shown.map(\.id), curves: .lastOnly([objective]))
            let byID = Dictionary(read.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var rows = ""
            for trial in shown { rows += Self.row(byID[trial.id] ?? trial, objective: objective, study: link) }
            return rows
        }
        let params = Self.paramSection(record: record, trials: trials, best: bestTrial?.number, live: served)
        let ((plot, leftOut), rows) = try await (plotSVG, tableRows)
        let progress = ProgressPlot(trials: trials).svg(), bestSoFar = BestSoFarPlot(trials: trials, direction: record.config.direction).svg()
        var plotNotes: [String] = []
        if leftOut > 0 { plotNotes.append("<span id=\"log-left-out\">\(leftOut) report\(leftOut == 1 ? "" : "s") ≤ 0 left out of the log plot</span>") }
        if served && !plotLive { plotNotes.append("<span id=\"not-live\">not live: reload for new points</span>") }
        let best = bestTrial.map { "best: trial \($0.number), \(escaped(objective)) = \($0.value.map { formatNumber($0, significantDigits: 6) } ?? "–")" } ?? "no trial completed yet"
        let live = "data-live=\"/api/studies/\(escaped(pathSegment(name)))/live\" data-page=\"\(study)\" data-cursor=\"\(cursor)\" "
            + "data-objective=\"\(escaped(objective))\" data-best=\"\(bestTrial.map { String($0.number) } ?? "")\" "
            + "data-listed=\"\(query?.limit ?? Self.pageSize)\" data-append=\"\(table?.appendsNew ?? false)\" "
            + "data-states=\"\(TrialState.allCases.map(\.rawValue).joined(separator: " "))\" data-plot-live=\"\(plotLive)\""
        var exported = ""
        if case .exported(let time) = mode {
            exported = "<p class=\"muted\" id=\"exported\">Exported by sweep on \(Self.logTime(time)): a snapshot of the study, not updated.</p>"
        }
        let headings = table.map { t in
            "<th class=\"pick\"></th>" + t.heading("#", .number, numeric: true) + t.heading("state", .state, numeric: false)
                + "<th class=\"n\">step</th>" + t.heading(objective, .value, numeric: true) + "<th>parameters</th>"
        } ?? "<th class=\"n\">#</th><th>state</th><th class=\"n\">step</th><th class=\"n\">\(escaped(objective))</th><th>parameters</th>"
        let body = """
            \(served ? "<p><a href=\"/\">Studies</a></p>" : "")
            <div id="study" \(served ? live : "")>
            <h1>\(escaped(name))</h1>
            <p>\(escaped(record.config.direction.rawValue)) <b>\(escaped(objective))</b> · sampler \(escaped(record.config.sampler)) · pruner \(escaped(record.config.pruner)) · <span id="counts">\(Self.countsText(counts))</span> · <span id="best">\(best)</span> <span id="live" class="muted"></span></p>
            \(served ? "<p><a id=\"log-link\" href=\"\(study)/log\">Research log</a> <span class=\"muted\">(notes and results, newest first)</span> · <a id=\"judge-link\" href=\"\(study)/judge\">Judging queue</a> · <a id=\"label-link\" href=\"\(study)/label\">Label pairs</a> · <a id=\"quiz-link\" href=\"\(study)/quiz\">Curve quiz</a></p>" : exported)
            <h2 id="curves-heading">\(view.heading)</h2>
            \(served ? view.form(action: study, metrics: metricNames, keeping: query?.items(defaultLimit: Pages.pageSize) ?? []) : "")
            \(plot)
            \(plotNotes.isEmpty ? "" : "<p class=\"muted\" id=\"plot-notes\">\(plotNotes.joined(separator: " · "))</p>")
            \(drawn.note(study: name))
            \(params)
            <h2>Progress</h2>
            <p class="muted">Trials finished by each moment, by state, against the time they finished; the running count as of this page's loading.</p>
            \(progress)
            <h2>Best so far</h2>
            <p class="muted">The best complete \(escaped(objective)) among the trials numbered up to each (trial number order), as of this page's loading.</p>
            \(bestSoFar)
            <h2 id="trials-heading">Trials</h2>
            \(table.map { $0.filters() + $0.navigation(top: true) } ?? "")
            \(served ? "<p><button id=\"compare\" type=\"button\" data-page=\"\(study)\" disabled>compare</button> <span class=\"muted\">tick 2 to 10 trials to compare them</span></p>" : "")
            <table><thead><tr>\(headings)</tr></thead>
            <tbody id="trials">\(rows)</tbody></table>
            \(table?.navigation(top: false) ?? "")
            \(Self.studyNotes(record.notes, link: served ? "\(study)/log" : nil))
            </div>
            \(served ? "<script>\(LiveScript.source)</script>\n<script>\(Self.compareScript)</script>" : "")
            """
        return page(title: name, body: body)
    }

    /// The study's own notes, newest first (at most `shownNotes`), with a link to the whole research log.
    static func studyNotes(_ notes: [Note], link: String?) -> String {
        let more = link.map { " <a href=\"\($0)\">the research log</a> has every note and result." } ?? ""
        guard !notes.isEmpty else { return "<h2>Notes</h2><p class=\"muted\">No note on the study yet.\(more)</p>" }
        let items = notes.suffix(shownNotes).reversed().map { note in
            "<li><time datetime=\"\(Wire.time(note.time))\">\(escaped(logTime(note.time)))</time> \(escaped(note.text))</li>"
        }.joined()
        let count = notes.count > shownNotes ? "The newest \(shownNotes) of \(notes.count);" : ""
        return "<h2>Notes</h2><ol class=\"log\" id=\"study-notes\">\(items)</ol><p class=\"muted\">\(count)\(more)</p>"
    }

    /// How many of the study's notes its page shows.
    static let shownNotes = 10

    /// "5 trials: 1 running, 3 complete, 1 pruned" (the live script writes the same).
    static func countsText(_ counts: [TrialState: Int]) -> String {
        let parts = TrialState.allCases.compactMap { state in counts[state].map { "\($0) \(state.rawValue)" } }
        return "\(counts.values.reduce(0, +)) trials" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }

    /// A box to tick a trial for the compare page (the live script makes the same).
    static func pick(_ number: Int) -> String {
        "<input type=\"checkbox\" value=\"\(number)\" aria-label=\"compare trial \(number)\">"
    }

    /// Enables the compare button while 2 to 10 trials are ticked; it opens their compare page.
    static let compareScript = """
        (() => {
          const button = document.getElementById('compare'), rows = document.getElementById('trials');
          if (!button || !rows) return;
          const picked = () => [...rows.querySelectorAll('input[type=checkbox]:checked')].map(box => box.value);
          const update = () => {
            const n = picked().length;
            button.disabled = n < \(TrialSelection.counts.lowerBound) || n > \(TrialSelection.counts.upperBound);
            button.textContent = n ? `compare ${n} trial${n === 1 ? '' : 's'}` : 'compare';
          };
          rows.addEventListener('change', update);
          button.addEventListener('click', () => { location.href = `${button.dataset.page}/compare?trials=${picked().join(',')}`; });
          update();
        })();
        """

    /// A trial's row: a box to tick, number (a link to its page), state, last step of the objective,
    /// value, parameters (the live script makes the same cells). Without a study (an exported page):
    /// no box and no link.
    static func row(_ trial: Trial, objective: String, study: String?) -> String {
        let params = trial.params.keys.sorted().map { "\($0)=\(trial.params[$0]?.description ?? "")" }.joined(separator: " ")
        let number = study.map { "<a href=\"/studies/\(escaped(pathSegment($0)))/trials/\(trial.number)\">\(trial.number)</a>" } ?? "\(trial.number)"
        return "<tr data-trial=\"\(trial.number)\">\(study == nil ? "" : "<td class=\"pick\">\(pick(trial.number))</td>")<td class=\"n\">\(number)</td>"
            + "<td class=\"state\">\(trial.state.rawValue)</td>"
            + "<td class=\"n step\">\(trial.curve(objective).lastStep.map(String.init) ?? "–")</td>"
            + "<td class=\"n value\">\(trial.value.map(formatNumber) ?? "–")</td><td class=\"params\">\(escaped(params))</td></tr>"
    }
}
