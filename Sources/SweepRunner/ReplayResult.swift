import Foundation
import SweepCore
import SweepCurves

/// What a replay did to one trial.
public struct ReplayTrial: Sendable, Hashable, Codable {
    public var id: String
    /// The step at which the pruner stopped it, nil when it ran to the end.
    public var prunedAt: Int?
    /// How many of its steps were run.
    public var stepsUsed: Int
    /// How many steps the recorded curve has.
    public var totalSteps: Int
    /// The recorded curve's last value: what the trial would have reached.
    public var final: Double

    enum CodingKeys: String, CodingKey {
        case id
        case prunedAt = "pruned_at"
        case stepsUsed = "steps_used"
        case totalSteps = "total_steps"
        case final
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(prunedAt, forKey: .prunedAt)
        try c.encode(stepsUsed, forKey: .stepsUsed)
        try c.encode(totalSteps, forKey: .totalSteps)
        try c.encode(final.isFinite ? final : nil, forKey: .final)
    }
}

/// A pruner's score on a replayed dataset.
public struct ReplayResult: Sendable, Hashable {
    public var pruner: String
    public var direction: Direction
    public var trials: [ReplayTrial]
    /// Number of pruning decisions made.
    public var decisions: Int
    /// Time spent in those decisions.
    public var decisionSeconds: Double

    /// Steps run over steps recorded.
    public var stepsUsedFraction: Double {
        let total = trials.reduce(0) { $0 + $1.totalSteps }
        return total == 0 ? 0 : Double(trials.reduce(0) { $0 + $1.stepsUsed }) / Double(total)
    }

    /// The trial with the best recorded final value (the first on ties), ignoring NaN.
    public var bestTrial: ReplayTrial? {
        var best: ReplayTrial?
        for t in trials where !t.final.isNaN {
            if let b = best, !direction.isBetter(t.final, than: b.final) { continue }
            best = t
        }
        return best
    }

    /// Whether a trial with the best final value ran to completion (with ties, any of them: a
    /// judge that keeps one of two equally good trials has kept the best).
    public var bestKept: Bool {
        guard let best = bestTrial?.final else { return true }
        return trials.contains { $0.prunedAt == nil && $0.final == best }
    }

    /// (best final overall − best final among trials that completed) / (range of final values):
    /// 0 when the best survived, 1 when nothing completed, 0 when no trial has a final value.
    ///
    /// Finite for any finals: a ratio of differences does not change when every value is scaled
    /// by the same power of two, so finals near ±1e308 (whose range overflows) are scaled down by
    /// `CurveScale` first, and infinite finals count as ±`Double.greatestFiniteMagnitude`.
    public var normalizedRegret: Double {
        let saturated = trials.map { CurveScale.saturated($0.final) }
        let finals = CurveScale(saturated).down(saturated)
        let known = finals.filter { !$0.isNaN }
        guard let lo = known.min(), let hi = known.max() else { return 0 }
        let kept = zip(trials, finals).filter { $0.0.prunedAt == nil && !$0.1.isNaN }.map(\.1)
        guard let keptBest = direction == .maximize ? kept.max() : kept.min() else { return 1 }
        let range = hi - lo
        return range > 0 ? abs((direction == .maximize ? hi : lo) - keptBest) / range : 0
    }

    /// Microseconds per pruning decision.
    public var microsecondsPerDecision: Double {
        decisions == 0 ? 0 : decisionSeconds / Double(decisions) * 1e6
    }
}

extension ReplayResult: Encodable {
    enum CodingKeys: String, CodingKey {
        case pruner, direction, trials
        case stepsUsedFraction = "steps_used_fraction"
        case bestKept = "best_kept"
        case normalizedRegret = "normalized_regret"
        case bestID = "best_id"
        case pruned
        case decisions
        case decisionsPerSecond = "decisions_per_second"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(pruner, forKey: .pruner)
        try c.encode(direction, forKey: .direction)
        try c.encode(trials, forKey: .trials)
        try c.encode(stepsUsedFraction, forKey: .stepsUsedFraction)
        try c.encode(bestKept, forKey: .bestKept)
        try c.encode(normalizedRegret, forKey: .normalizedRegret)
        try c.encode(bestTrial?.id, forKey: .bestID)
        try c.encode(trials.filter { $0.prunedAt != nil }.count, forKey: .pruned)
        try c.encode(decisions, forKey: .decisions)
        try c.encode(decisionSeconds > 0 ? Double(decisions) / decisionSeconds : 0, forKey: .decisionsPerSecond)
    }
}
