import Foundation
import SweepCore

/// Hyperband (Optuna's `HyperbandPruner`): several successive-halving brackets with different
/// early-stopping rates; each trial runs in one bracket, chosen by a hash of the study name and
/// the trial number.
///
/// The brackets: `n = floor(log_rf(max_resource / min_resource)) + 1` of them; bracket `b` is a
/// `SuccessiveHalvingPruner` with `min_early_stopping_rate = b` that competes only with the trials
/// of its own bracket, and receives a share `ceil(n * rf^(n-1-b) / (n-b))` of the trial budget. A
/// trial's bracket is found by `crc32("<study name>_<trial number>") % total budget`, walking the
/// budgets in order, exactly as Optuna does, so the same study name gives the same brackets.
///
/// `max_resource=auto` is the largest last step of the complete trials plus one, fixed at the first
/// decision after a trial completed and kept as the study system attribute
/// `hyperband:max_resource`. No decision is made before that.
///
/// Rung values are recorded as trial system attributes `hyperband_bracket_<b>_completed_rung_<r>`.
/// NaN is handled as in `SuccessiveHalvingPruner`.
///
/// Spec: `hyperband:min_resource=1,max_resource=auto,reduction_factor=3,bootstrap_count=0`
/// (`bootstrap_count > 0` needs a fixed `max_resource`).
public struct HyperbandPruner: Pruner, CustomStringConvertible {
    /// The largest step a trial runs to: estimated from the complete trials (`auto`) or fixed.
    public enum MaxResource: Sendable, Hashable, CustomStringConvertible {
        case auto
        case steps(Int)

        public var description: String {
            switch self {
            case .auto: return "auto"
            case .steps(let n): return String(n)
            }
        }
    }

    /// The first rung's step in bracket 0; at least 1.
    public let minResource: Int
    public let maxResource: MaxResource
    /// At least 2.
    public let reductionFactor: Int
    /// At least 0.
    public let bootstrapCount: Int
    /// The brackets, when `maxResource` is fixed.
    private let fixedBrackets: Brackets?

    /// The spec parameters it takes (Optuna's argument names).
    public static let parameterNames = ["min_resource", "max_resource", "reduction_factor", "bootstrap_count"]
    /// The study system attribute holding the estimated `max_resource` (`auto`).
    public static let maxResourceKey = "hyperband:max_resource"

    /// Optuna's defaults; throws `SweepError.invalidArgument` naming a parameter out of range.
    public init(minResource: Int = 1, maxResource: MaxResource = .auto, reductionFactor: Int = 3, bootstrapCount: Int = 0)
        throws(SweepError)
    {
        try require(minResource >= 1, "min_resource", "an integer >= 1", got: minResource)
        if case .steps(let n) = maxResource {
            try require(n >= 1, "max_resource", "'auto' or an integer >= 1", got: n)
        }
        try require(reductionFactor >= 2, "reduction_factor", "an integer >= 2", got: reductionFactor)
        try require(bootstrapCount >= 0, "bootstrap_count", "an integer >= 0", got: bootstrapCount)
        if bootstrapCount > 0, maxResource == .auto {
            throw .invalidArgument(
                "bootstrap_count > 0 needs a fixed max_resource (an integer >= 1), got max_resource=auto and bootstrap_count=\(bootstrapCount)")
        }
        self.minResource = minResource
        self.maxResource = maxResource
        self.reductionFactor = reductionFactor
        self.bootstrapCount = bootstrapCount
        if case .steps(let n) = maxResource {
            fixedBrackets = Brackets(minResource: minResource, maxResource: n, reductionFactor: reductionFactor)
        } else {
            fixedBrackets = nil
        }
    }

    /// Reads a `hyperband:...` spec.
    public init(spec: Spec) throws(SweepError) {
        let p = try PrunerParameters(spec, allowed: Self.parameterNames)
        let minResource = try p.int("min_resource", default: 1, min: 1)
        let maxResource = try p.intOrAuto("max_resource", default: nil, min: 1)
        let factor = try p.int("reduction_factor", default: 3, min: 2)
        let bootstrap = try p.int("bootstrap_count", default: 0, min: 0)
        self = try p.build { () throws(SweepError) in
            try HyperbandPruner(
                minResource: minResource, maxResource: maxResource.map(MaxResource.steps) ?? .auto,
                reductionFactor: factor, bootstrapCount: bootstrap)
        }
    }

    public func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision {
        var studyAttributes: [String: JSONValue] = [:]
        let brackets: Brackets
        if let fixedBrackets {
            brackets = fixedBrackets
        } else if let stored = study.studyAttributes[Self.maxResourceKey]?.doubleValue, let n = Int(exactly: stored) {
            brackets = Brackets(minResource: minResource, maxResource: n, reductionFactor: reductionFactor)
        } else if let last = study.maxCompletedLastStep {
            studyAttributes[Self.maxResourceKey] = .number(Double(last + 1))
            brackets = Brackets(minResource: minResource, maxResource: last + 1, reductionFactor: reductionFactor)
        } else {
            return .keepGoing
        }
        guard let bracket = brackets.bracket(studyName: study.name, trialNumber: trial.number) else {
            return PruneDecision(prune: false, studyAttributes: studyAttributes)
        }
        let halving: SuccessiveHalvingPruner
        do {
            halving = try SuccessiveHalvingPruner(
                minResource: .steps(minResource), reductionFactor: reductionFactor, minEarlyStoppingRate: bracket,
                bootstrapCount: bootstrapCount, rungKeyPrefix: "hyperband_bracket_\(bracket)_completed_rung_")
        } catch {
            return PruneDecision(prune: false, studyAttributes: studyAttributes)  // unreachable: checked in init
        }
        var decision = halving.decide(trial, in: study)
        decision.studyAttributes.merge(studyAttributes) { _, new in new }
        if let reason = decision.reason { decision.reason = "bracket \(bracket): \(reason)" }
        return decision
    }

    public var description: String {
        "hyperband:min_resource=\(minResource),max_resource=\(maxResource),reduction_factor=\(reductionFactor),"
            + "bootstrap_count=\(bootstrapCount)"
    }

    /// Hyperband's brackets for one `max_resource`: how many, and each one's share of the trials.
    public struct Brackets: Sendable, Hashable {
        /// Trial allocation budget of each bracket, bracket 0 first; empty when
        /// `max_resource < min_resource` (then nothing is pruned, as in Optuna).
        public let budgets: [Int]
        /// The sum of `budgets`.
        public let totalBudget: Int

        public init(minResource: Int, maxResource: Int, reductionFactor: Int) {
            let ratio = Double(maxResource) / Double(minResource)
            let count = Int((Foundation.log(ratio) / Foundation.log(Double(reductionFactor))).rounded(.down)) + 1
            var budgets: [Int] = []
            if count > 0 {
                for bracket in 0..<count {
                    let s = count - 1 - bracket
                    // Exact while the numbers stay below 2^53, as Python's int arithmetic is; clamped
                    // beyond (a study with more steps than that is not a concern).
                    var power = 1.0
                    for _ in 0..<s { power *= Double(reductionFactor) }
                    let share = (Double(count) * power / Double(s + 1)).rounded(.up)
                    budgets.append(Int(Swift.min(share, 1e15)))
                }
            }
            self.budgets = budgets
            totalBudget = budgets.reduce(0, &+)
        }

        /// Number of brackets.
        public var count: Int { budgets.count }

        /// The bracket of a trial: `crc32("<study>_<number>") % totalBudget`, walking the budgets.
        /// Nil when there are no brackets.
        public func bracket(studyName: String, trialNumber: Int) -> Int? {
            guard totalBudget > 0 else { return nil }
            var n = Int(CRC32.checksum("\(studyName)_\(trialNumber)")) % totalBudget
            for (bracket, budget) in budgets.enumerated() {
                n -= budget
                if n < 0 { return bracket }
            }
            return nil
        }
    }
}
