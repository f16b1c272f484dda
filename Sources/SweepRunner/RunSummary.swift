import Foundation
import SweepCore
import SweepCurves

/// What a finished run reports: the best trial, how much compute pruning saved, and the best
/// trial's curve as a sparkline.
public struct RunSummary: Sendable {
    public var study: String
    public var objective: String
    public var counts: [TrialState: Int]
    /// Failed trials that were replaced (another trial ran in their place), among `counts[.failed]`.
    public var replaced: Int
    public var best: Trial?
    /// Steps the trials ran.
    public var stepsRun: Int
    /// Steps pruned trials would have run had they gone on as long as the longest complete trial.
    public var stepsSaved: Int
    public var elapsed: Double
    /// The first failed trials (by number, at most ``shownFailures``) and why each failed.
    public var failures: [Failure]

    /// A failed trial and the reason stored with it.
    public struct Failure: Sendable, Equatable {
        public var number: Int
        public var reason: String
    }

    /// How many failures the summary names.
    public static let shownFailures = 3

    /// True when trials failed and none completed: a run that produced nothing usable because
    /// something is broken (a study whose trials were all pruned is not).
    public var failedWithoutResult: Bool { counts[.complete, default: 0] == 0 && counts[.failed, default: 0] > 0 }

    public init(study: Study, elapsed: Double) async throws {
        self.study = study.name
        self.objective = study.objective
        self.elapsed = elapsed
        // Every trial with the objective's curve only (the counts of steps, the best's sparkline).
        let trials = try await study.trials(curves: .only([study.objective]))
        var counts: [TrialState: Int] = [:]
        for t in trials { counts[t.state, default: 0] += 1 }
        self.counts = counts
        replaced = trials.filter { $0.state == .failed && !$0.countsTowardTarget }.count
        // As `sweep best` chooses, in one query: the study's index may not hold the finished trials.
        best = try await study.storage.bestTrial(study: study.record.id, direction: study.direction)
        failures = trials.filter { $0.state == .failed }.sorted { $0.number < $1.number }.prefix(Self.shownFailures).map {
            Failure(number: $0.number, reason: $0.systemAttributes["fail_reason"]?.stringValue ?? "no reason recorded")
        }
        let fullLength = trials.filter { $0.state == .complete }.map { $0.curve(study.objective).count }.max() ?? 0
        stepsRun = trials.reduce(0) { $0 + $1.curve(study.objective).count }
        stepsSaved = trials.filter { $0.state == .pruned }.reduce(0) { $0 + max(0, fullLength - $1.curve(study.objective).count) }
    }

    /// The share of steps pruning saved.
    public var savedFraction: Double {
        stepsRun + stepsSaved == 0 ? 0 : Double(stepsSaved) / Double(stepsRun + stepsSaved)
    }

    /// The summary as lines of text.
    public var lines: [String] {
        var out: [String] = []
        let c = TrialState.allCases.compactMap { s in
            counts[s].map { s == .failed ? RunProgress.failures($0, replaced: replaced) : "\($0) \(s.rawValue)" }
        }.joined(separator: ", ")
        out.append("study '\(study)': \(c) in \(String(format: "%.1f", elapsed)) s")
        if let best {
            out.append("best trial \(best.number): \(objective) = \(best.value.map(formatNumber) ?? "-")")
            for name in best.params.keys.sorted() { out.append("  \(name) = \(best.params[name]?.description ?? "")") }
            out.append("  curve \(Sparkline.render(best.curve(objective).sortedPairs.map(\.value), width: 40))")
        } else {
            out.append("no trial completed")
        }
        let failed = counts[.failed, default: 0]
        if failed > 0 {
            let first = failed > failures.count ? " (the first \(failures.count))" : ""
            out.append("\(failed) failed\(first):")
            for f in failures { out.append("  trial \(f.number): \(f.reason)") }
        }
        out.append(
            "pruning saved \(stepsSaved) of \(stepsRun + stepsSaved) steps (\(String(format: "%.0f", savedFraction * 100))%)")
        return out
    }
}
