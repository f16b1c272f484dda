import Foundation
import Hummingbird
import SweepCore
import SweepWire

extension Pages {
    /// One trial: its state and value, why it was pruned or failed, its parameters, where it ran
    /// (seed, command, git commit from its `provenance` attribute), every metric it reported
    /// plotted, its attributes and notes.
    func trial(_ name: String, number: Int) async throws -> Response {
        let record = try await answering { try await storage.study(named: name) }
        let trial = try await answering { try await storage.trial(study: record.id, number: number) }
        let objective = record.config.objective
        let study = "/studies/\(escaped(pathSegment(name)))"
        var summary = [trial.state.rawValue, "\(escaped(objective)) = \(trial.value.map(formatNumber) ?? "–")"]
        if let step = trial.curve(objective).lastStep { summary.append("last step \(step)") }
        if let started = trial.started { summary.append("started \(Wire.time(started))") }
        if let started = trial.started, let finished = trial.finished {
            summary.append("took \(formatNumber((finished.timeIntervalSince(started) * 10).rounded() / 10)) s")
        }
        var reasons = ""
        if let reason = trial.userAttributes["prune_reason"]?.stringValue {
            reasons += "<p id=\"prune-reason\"><b>pruned:</b> \(escaped(reason))</p>"
        }
        if let reason = trial.systemAttributes[Replacement.failReasonKey]?.stringValue {
            reasons += "<p id=\"fail-reason\"><b>failed:</b> \(escaped(reason))</p>"
        }
        // Each parameter with the distribution it was drawn from (the study's, when the trial keeps none).
        let space = Dictionary(record.config.space.parameters.map { ($0.name, $0.distribution) }, uniquingKeysWith: { a, _ in a })
        let params = trial.params.keys.sorted().map { key in
            Self.pair(key, trial.params[key]?.description ?? "", note: (trial.distributions[key] ?? space[key])?.description)
        }
        var provenance = [Self.pair("seed", String(record.config.trialSeed(trial.number)))]
        if case .object(let ran)? = trial.systemAttributes["provenance"] {
            for key in ran.keys.sorted() { provenance.append(Self.pair(key, Self.text(ran[key]))) }
        }
        let attributes = trial.userAttributes.keys.sorted().filter { $0 != "prune_reason" }.map { Self.pair($0, Self.text(trial.userAttributes[$0])) }
        // The objective first, then the other metrics by name.
        let metrics = trial.metrics.keys.sorted { ($0 == objective ? 0 : 1, $0) < ($1 == objective ? 0 : 1, $1) }
        var plots = ""
        for (i, metric) in metrics.enumerated() {
            let line = CurvesPlot.Line(
                number: trial.number, state: trial.state, points: CurvesPlot.downsampled(trial.curve(metric), points: Self.trialPlotPoints))
            plots += "<h3>\(escaped(metric))</h3>" + CurvesPlot(lines: [line], best: nil, height: 220, id: "metric-\(i)").svg()
        }
        let notes = trial.notes.map { "<li><span class=\"muted\">\(Wire.time($0.time))</span> \(escaped($0.text))</li>" }.joined()
        let beside = try await besideBest(trial, record: record)
        let body = """
            <p><a href="/">Studies</a> › <a href="\(study)">\(escaped(name))</a></p>
            <h1>Trial \(trial.number)</h1>
            <p id="summary">\(summary.joined(separator: " · "))</p>
            \(reasons)
            <h2>Parameters</h2>
            \(params.isEmpty ? "<p class=\"muted\">No parameters.</p>" : "<table class=\"pairs\" id=\"params\">\(params.joined())</table>")
            <h2>Provenance</h2>
            <table class="pairs" id="provenance">\(provenance.joined())</table>
            \(beside)
            <h2>Metrics</h2>
            \(plots.isEmpty ? "<p class=\"muted\">This trial has reported nothing yet.</p>" : plots)
            \(attributes.isEmpty ? "" : "<h2>Attributes</h2><table class=\"pairs\" id=\"attributes\">\(attributes.joined())</table>")
            <h2>Notes</h2>
            \(notes.isEmpty ? "<p class=\"muted\">No notes.</p>" : "<ul id=\"notes\">\(notes)</ul>")
            \(Self.logSection(trial))
            """
        return Responses.html(page(title: "\(name) · trial \(trial.number)", body: body))
    }

    /// The trial's objective curve drawn over the best complete trials' at the same steps (the
    /// trial orange, the others a colour each, named in the legend); nothing when none completed.
    func besideBest(_ trial: Trial, record: StudyRecord) async throws -> String {
        let objective = record.config.objective
        let best = try await JudgePages(storage: storage).bestTrials(record).filter { $0.number != trial.number }
        guard !best.isEmpty, !trial.curve(objective).isEmpty else { return "" }
        let colours = [trial.number: "#e66100"].merging(
            best.enumerated().map { ($0.element.number, Self.palette[$0.offset % Self.palette.count]) }, uniquingKeysWith: { a, _ in a })
        let lines = ([trial] + best).map { t in
            CurvesPlot.Line(number: t.number, state: t.state, points: CurvesPlot.downsampled(t.curve(objective), points: Self.trialPlotPoints))
        }
        let legend = "<li>\(Self.swatch(colours[trial.number])) trial \(trial.number)</li>"
            + best.map { "<li>\(Self.swatch(colours[$0.number])) <a href=\"\($0.number)\">trial \($0.number)</a> · \(escaped(objective)) = \(Self.shortValue($0.value))</li>" }.joined()
        return "<h2>Beside the best</h2><ul class=\"legend\" id=\"beside-legend\">\(legend)</ul>"
            + CurvesPlot(lines: lines, best: nil, colours: colours, height: 300, id: "beside").svg()
    }

    /// The end of the trial's log when this server can read it (`sweep run` on this machine), or
    /// where it is.
    static func logSection(_ trial: Trial) -> String {
        guard case .object(let ran)? = trial.systemAttributes["provenance"], let directory = ran["log_directory"]?.stringValue else {
            return ""
        }
        let logs = LogTail.read(directory: directory, trial: trial.number)
        guard !logs.isEmpty else {
            let host = ran["host"]?.stringValue.map { " on \($0)" } ?? ""
            return "<h2>Log</h2><p class=\"muted\" id=\"log\">Kept where the trial ran\(escaped(host)): \(escaped((directory as NSString).appendingPathComponent("\(trial.number).log"))) (not readable from this server).</p>"
        }
        return "<h2>Log</h2>" + logs.map { log in
            "<h3>\(escaped(log.name))</h3><pre class=\"log\" id=\"log-\(escaped(log.name))\">\(log.lines.isEmpty ? "(empty)" : escaped(log.lines.joined(separator: "\n")))</pre>"
        }.joined() + "<p class=\"muted\">The last \(LogTail.maxLines) lines at most, from \(escaped(directory)).</p>"
    }

    /// Points per metric on a trial page.
    static let trialPlotPoints = 500

    /// A table row: a name, its value and, in grey, a note (a parameter's distribution).
    static func pair(_ key: String, _ value: String, note: String? = nil) -> String {
        "<tr><th>\(escaped(key))</th><td>\(escaped(value))\(note.map { " <span class=\"muted\">\(escaped($0))</span>" } ?? "")</td></tr>"
    }

    /// An attribute's value as text: a string as it is, anything else as JSON.
    static func text(_ value: JSONValue?) -> String {
        guard let value else { return "" }
        if let string = value.stringValue { return string }
        return (try? Wire.text(value)) ?? ""
    }
}
