import Foundation

/// A judge's score over many replays: how much compute it saved and what it cost.
public struct JudgeScore: Sendable, Hashable {
    /// The judge's spec.
    public var pruner: String
    /// Number of replays (studies × orders).
    public var replays: Int
    /// Mean over replays of the fraction of recorded steps that were run.
    public var stepsUsedFraction: Double
    /// Fraction of replays in which the trial with the best final value ran to completion.
    public var bestKeptRate: Double
    /// Mean over replays of the normalised regret (see `ReplayResult.normalizedRegret`).
    public var normalizedRegret: Double
    /// The worst normalised regret of any replay.
    public var maxNormalizedRegret: Double
    /// Pruning decisions made in all replays.
    public var decisions: Int
    /// Decisions per second of decision time.
    public var decisionsPerSecond: Double
    /// No other judge is at least as good on steps used, best kept and regret, and better on one.
    public var pareto: Bool

    /// Scores a judge from its replays.
    public init(pruner: String, replays results: [ReplayResult]) {
        self.pruner = pruner
        replays = results.count
        let n = Double(max(results.count, 1))
        stepsUsedFraction = results.reduce(0) { $0 + $1.stepsUsedFraction } / n
        bestKeptRate = Double(results.filter(\.bestKept).count) / n
        normalizedRegret = results.reduce(0) { $0 + $1.normalizedRegret } / n
        maxNormalizedRegret = results.map(\.normalizedRegret).max() ?? 0
        decisions = results.reduce(0) { $0 + $1.decisions }
        let seconds = results.reduce(0) { $0 + $1.decisionSeconds }
        decisionsPerSecond = seconds > 0 ? Double(decisions) / seconds : 0
        pareto = false
    }

    /// Whether this score is at least as good as `other` everywhere and better somewhere.
    public func dominates(_ other: JudgeScore) -> Bool {
        let noWorse = stepsUsedFraction <= other.stepsUsedFraction && bestKeptRate >= other.bestKeptRate
            && normalizedRegret <= other.normalizedRegret
        let better = stepsUsedFraction < other.stepsUsedFraction || bestKeptRate > other.bestKeptRate
            || normalizedRegret < other.normalizedRegret
        return noWorse && better
    }

    /// The scores with `pareto` set on those no other score dominates.
    public static func markingParetoFront(_ scores: [JudgeScore]) -> [JudgeScore] {
        scores.map { score in
            var s = score
            s.pareto = !scores.contains { $0.dominates(score) }
            return s
        }
    }
}

extension JudgeScore: Encodable {
    enum CodingKeys: String, CodingKey {
        case pruner, replays
        case stepsUsedFraction = "steps_used_fraction"
        case bestKeptRate = "best_kept_rate"
        case normalizedRegret = "normalized_regret"
        case maxNormalizedRegret = "max_normalized_regret"
        case decisions
        case decisionsPerSecond = "decisions_per_second"
        case pareto
    }
}

extension JudgeScore {
    /// The scores as an aligned text table, Pareto-front judges marked with `*`.
    public static func textTable(_ scores: [JudgeScore]) -> String {
        let header = ["judge", "replays", "steps used", "best kept", "regret mean", "regret max", "decisions/s", "pareto"]
        var rows = [header]
        for s in scores {
            rows.append([
                s.pruner, "\(s.replays)", String(format: "%.1f%%", s.stepsUsedFraction * 100),
                String(format: "%.1f%%", s.bestKeptRate * 100), String(format: "%.4f", s.normalizedRegret),
                String(format: "%.4f", s.maxNormalizedRegret), compactRate(s.decisionsPerSecond), s.pareto ? "*" : "",
            ])
        }
        let widths = header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            row.indices.map { c in
                let cell = row[c]
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }

    private static func compactRate(_ rate: Double) -> String {
        switch rate {
        case 1e6...: return String(format: "%.1fM", rate / 1e6)
        case 1e3...: return String(format: "%.0fk", rate / 1e3)
        default: return String(format: "%.0f", rate)
        }
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
