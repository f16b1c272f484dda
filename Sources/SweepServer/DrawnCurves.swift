import SweepCore

/// Which trials a study page's curves plot draws, so the page stays quick at any size: every
/// trial up to `cap`; beyond it every running trial and the best finished ones by value, up to
/// `cap` in all (the best trial always among them). Their curves alone are then read.
struct DrawnCurves {
    /// The trials drawn, by storage id.
    let ids: [Int64]
    /// How many trials the study has.
    let total: Int

    /// The most trials a study page draws.
    static let cap = 150

    init(trials: [Trial], direction: Direction, best: Int?, cap: Int = Self.cap) {
        total = trials.count
        guard trials.count > cap else {
            ids = trials.map(\.id)
            return
        }
        // Ids and values only: sorting 10,000 trials themselves would copy each one.
        var chosen = Array(trials.lazy.filter { $0.state == .running }.map(\.id).prefix(cap))
        var taken = Set(chosen)
        if let best, let id = trials.first(where: { $0.number == best })?.id, taken.insert(id).inserted { chosen.append(id) }
        let valued = trials.compactMap { trial -> (id: Int64, value: Double)? in
            guard trial.state.isFinished, let value = trial.value, !value.isNaN else { return nil }
            return (trial.id, value)
        }.sorted { direction.isBetter($0.value, than: $1.value) }
        for trial in valued where chosen.count < cap && taken.insert(trial.id).inserted { chosen.append(trial.id) }
        ids = chosen
    }

    /// True when some trials are left out.
    var isSample: Bool { ids.count < total }

    /// The line under the plot that says what is drawn, when not everything is.
    func note(study: String) -> String {
        guard isSample else { return "" }
        return "<p class=\"muted\" id=\"curves-drawn\">Drawn: \(ids.count) of \(total) trials (every running one and the best by value); "
            + "every curve: /api/studies/\(escaped(pathSegment(study)))/curves</p>"
    }
}
