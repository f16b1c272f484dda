import Hummingbird
import SweepCore

extension JudgePages {
    /// Colours of the two curves of a pair: A (shown first) and B.
    static let pairColours = ["#1f77b4", "#ff7f0e"]

    /// Two finished trials' curves, named only A and B, in the order `PairPicker` chose; the
    /// person says which is better (or neither), the label is stored, the next pair comes.
    func label(_ name: String) async throws -> Response {
        let record = try await answering { try await storage.study(named: name) }
        let objective = record.config.objective
        let labelled = try await answering { try await storage.labels(study: record.id) }.count
        let api = "/api/studies/\(escaped(pathSegment(name)))"
        var content = "<p id=\"empty\" class=\"muted\">This study has fewer than two finished trials with a curve: nothing to compare yet.</p>"
        if let pair = try await JudgeAPI.nextPair(record, storage: storage, seed: .random(in: 0...UInt64.max)) {
            let ids = try await trialIDs(record, numbers: [pair.first, pair.second])
            let loaded = try await answering { try await storage.trials(ids: ids, curves: .only([objective])) }
            let shown = [pair.first, pair.second].compactMap { number in loaded.first { $0.number == number } }
            let colours = Dictionary(uniqueKeysWithValues: shown.enumerated().map { ($0.element.number, Self.pairColours[$0.offset]) })
            let lines = shown.map { t in
                CurvesPlot.Line(number: t.number, state: t.state, points: CurvesPlot.downsampled(t.curve(objective), points: Pages.plotPoints))
            }
            let plot = CurvesPlot(lines: lines, best: nil, colours: colours, height: 360, id: "pair-plot").svg()
            content = """
                <ul class="legend"><li>\(Pages.swatch(Self.pairColours[0])) <b>A</b></li><li>\(Pages.swatch(Self.pairColours[1])) <b>B</b></li></ul>
                \(plot)
                <p id="pair" data-api="\(api)" data-first="\(pair.first)" data-second="\(pair.second)">
                <button type="button" data-choice="first">A is better</button>
                <button type="button" data-choice="second">B is better</button>
                <button type="button" data-choice="same">Neither / cannot tell</button>
                <span class="status" role="status"></span></p>
                """
        }
        let body = """
            \(Self.breadcrumb(name))
            <h1>Which curve is better?</h1>
            <p class="muted">\(escaped(objective)) by step, \(escaped(record.config.direction.rawValue))d. Judge the runs as
            you would when choosing one to keep. Each pair comes back later in the other order.
            <span id="label-count">\(labelled) label\(labelled == 1 ? "" : "s")</span> so far (<a href="\(api)/labels">all labels</a>).</p>
            \(Self.nameField)
            \(content)
            <script>\(JudgeScript.name)\(JudgeScript.pair)</script>
            """
        return Responses.html(page(title: "\(name) · label pairs", body: body))
    }
}
