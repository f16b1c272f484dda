import Hummingbird
import SweepCore

extension Pages {
    /// `/studies/NAME/compare?trials=3,7,12`: 2 to 10 trials side by side. Their objective curves
    /// overlaid, a colour each (named in the legend); a table of their states, values and
    /// parameters, the parameters that differ highlighted; every other metric they all reported
    /// overlaid in the same colours. Bad or unknown trial numbers are a 400 or 404 page saying which.
    func compare(_ name: String, _ request: Request) async throws -> Response {
        let numbers = try TrialSelection.parse(request.uri.queryParameters["trials"].map(String.init))
        let record = try await answering { try await storage.study(named: name) }
        var trials: [Trial] = []
        var missing: [Int] = []
        for number in numbers {
            do {
                trials.append(try await answering { try await storage.trial(study: record.id, number: number) })
            } catch let error as ServerError where error.status == .notFound {
                missing.append(number)
            }
        }
        guard missing.isEmpty else { throw ServerError(.notFound, Self.noSuchTrials(missing, study: name)) }
        let objective = record.config.objective
        let colours = Dictionary(uniqueKeysWithValues: trials.enumerated().map { ($0.element.number, Self.palette[$0.offset]) })
        let study = "/studies/\(escaped(pathSegment(name)))"
        let legend = trials.map { trial in
            "<li>\(Self.swatch(colours[trial.number])) <a href=\"\(study)/trials/\(trial.number)\">trial \(trial.number)</a> "
                + "<span class=\"muted\">\(trial.state.rawValue) · \(escaped(objective)) = \(Self.shortValue(trial.value))</span></li>"
        }.joined()
        // The objective first, then every other metric all of them reported, by name.
        let shared = trials.dropFirst().reduce(Set(trials.first?.metrics.keys.map { $0 } ?? [])) { $0.intersection($1.metrics.keys) }
        let metrics = [objective] + shared.subtracting([objective]).sorted()
        var plots = ""
        for (i, metric) in metrics.enumerated() {
            let lines = trials.map { trial in
                CurvesPlot.Line(number: trial.number, state: trial.state, points: CurvesPlot.downsampled(trial.curve(metric), points: Self.trialPlotPoints))
            }
            let plot = CurvesPlot(lines: lines, best: nil, colours: colours, height: i == 0 ? 360 : 240, id: i == 0 ? "curves" : "metric-\(i)")
            plots += (i == 0 ? "<h2>\(escaped(metric)) by step</h2>" : "<h3>\(escaped(metric))</h3>") + plot.svg()
        }
        let list = numbers.map(String.init).joined(separator: ", ")
        let body = """
            <p><a href="/">Studies</a> › <a href="\(study)">\(escaped(name))</a></p>
            <h1>Compare trials \(list)</h1>
            <ul class="legend" id="legend">\(legend)</ul>
            \(plots.isEmpty ? "" : plots)
            <h2>Side by side</h2>
            \(Self.sideBySide(trials, objective: objective, colours: colours))
            <p class="muted">Highlighted: parameters whose values differ between these trials.</p>
            """
        return Responses.html(page(title: "\(name) · compare \(list)", body: body))
    }

    /// Ten colours told apart easily (Tableau 10), one per compared trial, in the order given.
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    static func swatch(_ colour: String?) -> String {
        "<span class=\"swatch\" style=\"background:\(colour ?? "#999")\"></span>"
    }

    /// The table: a column per trial; rows for state, value, last step, reasons, notes, then each parameter.
    static func sideBySide(_ trials: [Trial], objective: String, colours: [Int: String]) -> String {
        func row(_ label: String, _ cells: [String], parameter: Bool = false) -> String {
            let differs = parameter && Set(cells).count > 1
            let id: String? = parameter ? "param-\(label)" : nil
            let attributes = (id.map { " id=\"\(escaped($0))\"" } ?? "") + (differs ? " class=\"differs\"" : "")
            return "<tr\(attributes)><th>\(escaped(label))</th>"
                + cells.map { "<td>\(escaped($0))</td>" }.joined() + "</tr>"
        }
        var rows = [
            row("state", trials.map(\.state.rawValue)),
            row(objective, trials.map { shortValue($0.value) }),
            row("last step", trials.map { $0.curve(objective).lastStep.map(String.init) ?? "–" }),
        ]
        let prune = trials.map { $0.userAttributes["prune_reason"]?.stringValue ?? "" }
        if prune.contains(where: { !$0.isEmpty }) { rows.append(row("prune reason", prune)) }
        let fail = trials.map { $0.systemAttributes[Replacement.failReasonKey]?.stringValue ?? "" }
        if fail.contains(where: { !$0.isEmpty }) { rows.append(row("fail reason", fail)) }
        let notes = trials.map { $0.notes.map(\.text).joined(separator: " · ") }
        if notes.contains(where: { !$0.isEmpty }) { rows.append(row("notes", notes)) }
        let names = Set(trials.flatMap(\.params.keys)).sorted()
        for name in names { rows.append(row(name, trials.map { $0.params[name]?.description ?? "–" }, parameter: true)) }
        let head = trials.map { "<th>\(swatch(colours[$0.number])) trial \($0.number)</th>" }.joined()
        return "<table id=\"side\"><thead><tr><th></th>\(head)</tr></thead><tbody>\(rows.joined())</tbody></table>"
    }

    /// A trial's value to 6 significant digits, as the study page's headline writes the best.
    static func shortValue(_ value: Double?) -> String { value.map { formatNumber($0, significantDigits: 6) } ?? "–" }

    /// "study 'demo' has no trial 9" (or "trials 9, 12").
    static func noSuchTrials(_ numbers: [Int], study: String) -> String {
        let list = numbers.map(String.init).joined(separator: ", ")
        return "study '\(study)' has no trial\(numbers.count == 1 ? "" : "s") \(list)"
    }
}
