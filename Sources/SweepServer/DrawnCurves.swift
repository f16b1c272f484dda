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
    static let cap = 300

    init(trials: [Trial], direction: Direction, best: Int?, cap: Int = Self.cap) {
        total = trials.count
        guard trials.count > cap else {
            ids = trials.map(\.id)
            return
        }
        let running = trials.filter { $0.state == .running }
        let valued = trials.filter { $0.state.isFinished && $0.value.map { !$0.isNaN } == true }
            .sorted { direction.isBetter($0.value!, than: $1.value!) }
        var chosen = Array(running.prefix(cap))
        var taken = Set(chosen.map(\.id))
        if let best, let trial = trials.first(where: { $0.number == best }), taken.insert(trial.id).inserted {
            chosen.append(trial)
        }
        for trial in valued where chosen.count < cap && taken.insert(trial.id).inserted { chosen.append(trial) }
        ids = chosen.map(\.id)
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
