import SweepCore

/// Asynchronous successive halving (Optuna's `SuccessiveHalvingPruner`): trials climb rungs at
/// steps `min_resource * reduction_factor^(min_early_stopping_rate + rung)` and only the top
/// `1 / reduction_factor` of the trials that reached a rung go on.
///
/// The rule, checked after each report, with `v` the value at the trial's largest step `s`: while
/// `s` has reached the trial's next rung, `v` is recorded as the trial's value for that rung (trial
/// system attribute `completed_rung_<r>`) and the trial is pruned unless `v` is promotable: among
/// the values every trial recorded for the rung plus `v`, `v` must be within the best
/// `max(1, count / reduction_factor)` (ties promote). When `count <= bootstrap_count` the trial is
/// pruned (it waits for company). The trial then moves to the next rung, possibly several in one
/// report.
///
/// `min_resource=auto` estimates the first rung once, when the first decision after a trial
/// completed comes: `max(1, largest last step of the complete trials / 100)`. The estimate is kept
/// as the study system attribute `successive_halving:min_resource`, so every worker and every
/// later decision uses the same value. No decision is made before that.
///
/// NaN: a NaN value at a rung prunes the trial (nothing is recorded for the rung).
///
/// Spec: `successive_halving:min_resource=auto,reduction_factor=4,min_early_stopping_rate=0,bootstrap_count=0`
/// (`bootstrap_count > 0` needs a fixed `min_resource`). A decision reads the index's order
/// statistics of the rung attribute, so its cost does not grow with the number of trials.
public struct SuccessiveHalvingPruner: Pruner, CustomStringConvertible {
    /// The first rung's step: estimated from the complete trials (`auto`) or fixed.
    public enum MinResource: Sendable, Hashable, CustomStringConvertible {
        case auto
        case steps(Int)

        public var description: String {
            switch self {
            case .auto: return "auto"
            case .steps(let n): return String(n)
            }
        }
    }

    public let minResource: MinResource
    /// The factor between rungs and the fraction (`1 / reductionFactor`) promoted; at least 2.
    public let reductionFactor: Int
    /// Rungs skipped at the start; at least 0.
    public let minEarlyStoppingRate: Int
    /// Trials needed at a rung before any is promoted; at least 0.
    public let bootstrapCount: Int
    /// Prefix of the rung attribute keys (Hyperband scopes them per bracket).
    let rungKeyPrefix: String

    /// The spec parameters it takes (Optuna's argument names).
    public static let parameterNames = ["min_resource", "reduction_factor", "min_early_stopping_rate", "bootstrap_count"]
    /// The study system attribute holding the estimated `min_resource` (`auto`).
    public static let minResourceKey = "successive_halving:min_resource"

    /// The trial system attribute recording the value with which a trial reached `rung`.
    public static func rungKey(_ rung: Int) -> String { "completed_rung_\(rung)" }

    /// Optuna's defaults; throws `SweepError.invalidArgument` naming a parameter out of range.
    public init(
        minResource: MinResource = .auto, reductionFactor: Int = 4, minEarlyStoppingRate: Int = 0, bootstrapCount: Int = 0
    ) throws(SweepError) {
        try self.init(
            minResource: minResource, reductionFactor: reductionFactor, minEarlyStoppingRate: minEarlyStoppingRate,
            bootstrapCount: bootstrapCount, rungKeyPrefix: "completed_rung_")
    }

    init(
        minResource: MinResource, reductionFactor: Int, minEarlyStoppingRate: Int, bootstrapCount: Int,
        rungKeyPrefix: String
    ) throws(SweepError) {
        if case .steps(let n) = minResource {
            try require(n >= 1, "min_resource", "'auto' or an integer >= 1", got: n)
        }
        try require(reductionFactor >= 2, "reduction_factor", "an integer >= 2", got: reductionFactor)
        try require(minEarlyStoppingRate >= 0, "min_early_stopping_rate", "an integer >= 0", got: minEarlyStoppingRate)
        try require(bootstrapCount >= 0, "bootstrap_count", "an integer >= 0", got: bootstrapCount)
        if bootstrapCount > 0, minResource == .auto {
            throw .invalidArgument(
                "bootstrap_count > 0 needs a fixed min_resource (an integer >= 1), got min_resource=auto and bootstrap_count=\(bootstrapCount)")
        }
        self.minResource = minResource
        self.reductionFactor = reductionFactor
        self.minEarlyStoppingRate = minEarlyStoppingRate
        self.bootstrapCount = bootstrapCount
        self.rungKeyPrefix = rungKeyPrefix
    }

    /// Reads a `successive_halving:...` spec.
    public init(spec: Spec) throws(SweepError) {
        let p = try PrunerParameters(spec, allowed: Self.parameterNames)
        let minResource = try p.intOrAuto("min_resource", default: nil, min: 1)
        let factor = try p.int("reduction_factor", default: 4, min: 2)
        let rate = try p.int("min_early_stopping_rate", default: 0, min: 0)
        let bootstrap = try p.int("bootstrap_count", default: 0, min: 0)
        self = try p.build { () throws(SweepError) in
            try SuccessiveHalvingPruner(
                minResource: minResource.map(MinResource.steps) ?? .auto, reductionFactor: factor,
                minEarlyStoppingRate: rate, bootstrapCount: bootstrap)
        }
    }

    public func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision {
        guard let step = trial.lastStep, let value = trial.curve.value(at: step) else { return .keepGoing }
        var studyAttributes: [String: JSONValue] = [:]
        let first: Int
        switch minResource {
        case .steps(let n):
            first = n
        case .auto:
            if let stored = study.studyAttributes[Self.minResourceKey]?.doubleValue, let n = Int(exactly: stored) {
                first = n
            } else if let last = study.maxCompletedLastStep {
                first = Swift.max(last / 100, 1)
                studyAttributes[Self.minResourceKey] = .number(Double(first))
            } else {
                return .keepGoing
            }
        }

        var rung = 0
        while trial.systemAttributes[rungKey(rung)] != nil { rung += 1 }
        var recorded: [String: JSONValue] = [:]
        func decision(_ prune: Bool, _ reason: String? = nil) -> PruneDecision {
            PruneDecision(prune: prune, reason: reason, trialAttributes: recorded, studyAttributes: studyAttributes)
        }

        while true {
            guard let promotionStep = Self.rungStep(first, reductionFactor, minEarlyStoppingRate + rung), step >= promotionStep
            else { return decision(false) }
            if value.isNaN { return decision(true, "the value at rung \(rung) (step \(step)) is NaN") }
            let key = rungKey(rung)
            recorded[key] = .number(value)
            let others = study.attributes[key] ?? SortedMultiset()
            let competing = others.count + 1
            if competing <= bootstrapCount {
                return decision(true, "only \(competing) trials reached rung \(rung); bootstrap_count is \(bootstrapCount)")
            }
            guard Self.isPromotable(value, among: others, reductionFactor: reductionFactor, direction: study.direction) else {
                return decision(
                    true,
                    "the value \(value) at rung \(rung) (step \(step)) is not in the top 1/\(reductionFactor) of \(competing) trials")
            }
            rung += 1
        }
    }

    func rungKey(_ rung: Int) -> String { rungKeyPrefix + String(rung) }

    /// `first * factor^exponent`, nil when it does not fit in an `Int` (a rung no trial reaches).
    static func rungStep(_ first: Int, _ factor: Int, _ exponent: Int) -> Int? {
        var result = first
        for _ in 0..<exponent {
            let (next, overflow) = result.multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            result = next
        }
        return result
    }

    /// Optuna's promotion rule: with `n` the number of competing values (`others` plus `value`) and
    /// `k = max(n / factor, 1)`, `value` goes on when it is at least as good as the k-th best.
    static func isPromotable(_ value: Double, among others: SortedMultiset, reductionFactor: Int, direction: Direction) -> Bool {
        let count = others.count + 1
        let index = Swift.max(count / reductionFactor - 1, 0)
        // `index < others.count` always holds for factor >= 2 and count >= 2; otherwise `value`
        // itself is the k-th best.
        guard index < others.count else { return true }
        switch direction {
        case .minimize: return value <= others.element(at: index)
        case .maximize: return value >= others.element(at: others.count - 1 - index)
        }
    }

    public var description: String {
        "successive_halving:min_resource=\(minResource),reduction_factor=\(reductionFactor),"
            + "min_early_stopping_rate=\(minEarlyStoppingRate),bootstrap_count=\(bootstrapCount)"
    }
}
