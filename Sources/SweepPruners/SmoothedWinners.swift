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

    /// The decision as it is: the winners live in the index, nothing is written back.
    func attach(to decision: PruneDecision) -> PruneDecision { decision }
}
