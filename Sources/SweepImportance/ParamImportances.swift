import SweepCore

/// One parameter's share of the importance.
public struct ParamImportance: Sendable, Hashable {
    public var name: String
    /// In [0, 1]; a result's importances sum to 1.
    public var importance: Double

    public init(name: String, importance: Double) {
        self.name = name
        self.importance = importance
    }
}

/// The evaluators `sweep importance` offers, by their command-line names.
public enum ImportanceMethod: String, Sendable, CaseIterable {
    /// PED-ANOVA, Optuna 5's default.
    case pedAnova = "ped-anova"
    /// fANOVA on a random forest.
    case fanova
}

/// Parameter importances of one study, most important first.
public struct ParamImportances: Sendable, Hashable {
    public var method: ImportanceMethod
    /// The complete trials with a finite value that were read.
    public var trials: Int
    /// Most important first; ties by name. The importances sum to 1.
    public var params: [ParamImportance]

    /// Normalised importances, as `optuna.importance.get_param_importances` returns them: each
    /// divided by their sum, or all equal when the sum is 0.
    ///
    /// - Parameters:
    ///   - trials: the study's trials, of any state: only complete ones with a finite value count.
    ///   - direction: the study's direction (PED-ANOVA looks at the best trials).
    ///   - method: the evaluator.
    ///   - seed: seeds fANOVA's forest; PED-ANOVA draws nothing.
    /// - Throws: `ImportanceError` for fewer than 2 usable trials, no parameter, or (fANOVA) an
    ///   objective that never varies.
    public static func evaluate(
        _ trials: [Trial], direction: Direction, method: ImportanceMethod, seed: UInt64 = 0
    ) throws(ImportanceError) -> ParamImportances {
        let usable = ImportanceTrial.usable(trials)
        guard usable.count >= 2 else { throw .tooFewTrials(usable: usable.count) }
        let raw: [String: Double]
        switch method {
        case .pedAnova: raw = try PedAnova().importances(usable, direction: direction)
        case .fanova: raw = try Fanova(seed: seed).importances(usable)
        }
        return ParamImportances(method: method, trials: usable.count, params: normalised(raw))
    }

    /// Each value over the sum (all equal when the sum is 0), most important first.
    static func normalised(_ raw: [String: Double]) -> [ParamImportance] {
        let sum = raw.values.reduce(0, +)
        let shares = raw.map { name, value in
            ParamImportance(name: name, importance: sum == 0 ? 1 / Double(raw.count) : value / sum)
        }
        return shares.sorted { $0.importance != $1.importance ? $0.importance > $1.importance : $0.name < $1.name }
    }
}
