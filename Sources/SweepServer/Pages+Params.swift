import SweepCore

extension Pages {
    /// The most complete trials the parameter plots draw (every k-th by number beyond it), so the
    /// study page stays small and quick at any size.
    static let paramPlotTrials = 1_000

    /// The study page's parameter section: parallel coordinates and a slice plot per parameter,
    /// with a line saying how many trials are drawn when not all are. They are not live: `live`
    /// says so on a served page.
    static func paramSection(record: StudyRecord, trials: [Trial], best: Int?, live: Bool = true) -> String {
        let plots = ParamPlots(record: record, trials: trials, best: best, cap: paramPlotTrials)
        guard !plots.points.isEmpty, !plots.names.isEmpty else {
            return "<h2>Parameters</h2><p class=\"muted\" id=\"params-empty\">"
                + (plots.names.isEmpty && !plots.points.isEmpty ? "The trials have no parameters." : "No trial has completed with a value yet.")
                + "</p>"
        }
        let drawn = plots.points.count < plots.total
            ? "<p class=\"muted\" id=\"params-drawn\">Drawn: \(plots.points.count) of the \(plots.total) complete trials (an even sample by number, the best included).</p>"
            : ""
        let slices = plots.names.map { name in
            let kind = plots.axes[name]?.kind ?? ""
            return "<figure><figcaption>\(escaped(name))\(kind.isEmpty ? "" : " <span class=\"muted\">(\(kind))</span>")</figcaption>"
                + SlicePlot(plots: plots, name: name).svg() + "</figure>"
        }.joined()
        let better = plots.direction == .minimize ? "lower" : "higher"
        return """
            <h2>Parameters</h2>
            \(live ? "<p class=\"muted\">Drawn when the page loaded: reload to see trials that finished since.</p>" : "")
            \(drawn)
            <h3>Parallel coordinates</h3>
            \(ParallelPlot(plots: plots).svg())
            <p class="muted"><span class="ramp"></span> a line per complete trial, darker is better (\(better) \(escaped(plots.objectiveName))); the best in red</p>
            <h3>\(escaped(plots.objectiveName)) by parameter</h3>
            <div class="slices">\(slices)</div>
            """
    }
}
