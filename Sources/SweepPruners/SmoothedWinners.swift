import SweepCore

/// The curves of the study's winners (`StudyIndex.winners`: the best complete trials by final
/// value, at most 16), as the `smoothed` and `extrapolate` judges read them. Reading them costs
/// at most 16 curves, whatever the number of trials.
struct SmoothedWinners {
    struct Entry {
        var number: Int
        var final: Double
        var curve: MetricCurve
    }

    static let capacity = StudyIndex.winnerCapacity

    /// Best first (in the study's direction).
    let entries: [Entry]

    init(_ study: StudyIndex, trial: TrialProgress? = nil) {
        entries = study.winners.compactMap { t in
            guard let final = t.value, final.isFinite else { return nil }
            return Entry(number: t.number, final: final, curve: t.curve(study.objective))
        }
    }

    /// The best `count` winners.
    func top(_ count: Int) -> ArraySlice<Entry> { entries.prefix(Swift.max(0, count)) }

    /// The best final value when it looks like a ceiling of the objective (an optimum that can be
    /// tied but not beaten, such as a return capped by the environment): at least `ties` winners
    /// ended exactly there and no winner ever reported anything better, at any step. Nil
    /// otherwise, or when `ties` is 0. Reads at most the winners' curves.
    func ceiling(ties: Int, direction: Direction) -> Double? {
        guard ties > 0, let best = entries.first?.final else { return nil }
        let tied = entries.prefix { $0.final == best }
        guard tied.count >= ties else { return nil }
        for w in entries {
            for v in w.curve.values where v.isFinite && direction.isBetter(v, than: best) { return nil }
        }
        return best
    }

    /// The decision as it is: the winners live in the index, nothing is written back.
    func attach(to decision: PruneDecision) -> PruneDecision { decision }
}
