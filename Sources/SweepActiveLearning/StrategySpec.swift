/// A strategy spec: `random`, `least_confident`, `margin`, `entropy`,
/// `density` (`measure` = least_confident | margin | entropy, default entropy; `beta`, default 1),
/// `kcenter`, `badge`, or `oracle` (`candidates` drawn a round, default 50; `validation` pool
/// rows it judges on, default 300), or `policy` (`file`: a policy `sweep al train-policy` saved).
public struct StrategySpec: Sendable, Hashable {
    /// The spec as written.
    public let text: String
    /// The strategy's name.
    public var name: String { spec.name }
    let spec: LabSpec

    /// Every strategy name.
    public static let names = ["random", "least_confident", "margin", "entropy", "density", "kcenter", "badge", "oracle", "policy"]
    static let keys: [String: [String]] = [
        "random": [], "least_confident": [], "margin": [], "entropy": [], "density": ["measure", "beta"],
        "kcenter": [], "badge": [], "oracle": ["candidates", "validation"], "policy": ["file"],
    ]

    public init(parsing text: String) throws(ActiveLearningError) {
        spec = try LabSpec(parsing: text, kind: "strategy", known: Self.keys)
        self.text = spec.text
        _ = try make()
    }

    /// The strategy.
    public func make() throws(ActiveLearningError) -> any SelectionStrategy {
        switch spec.name {
        case "least_confident", "margin", "entropy":
            return UncertaintySampling(Uncertainty(rawValue: spec.name) ?? .entropy)
        case "density":
            let raw = spec.values["measure"] ?? "entropy"
            guard let measure = Uncertainty(rawValue: raw) else {
                throw .badSpec(spec: text, reason: "key 'measure' expects least_confident, margin or entropy, got '\(raw)'")
            }
            return DensityWeightedSampling(measure: measure, beta: try spec.double("beta", 1, in: 0...100))
        case "kcenter": return KCenterGreedy()
        case "badge": return BadgeSampling()
        case "oracle": return OracleSelection(candidates: try spec.int("candidates", 50, in: 1...100_000))
        case "policy":
            guard let file = spec.values["file"] else { throw .badSpec(spec: text, reason: "policy needs file=PATH (a policy sweep al train-policy saved)") }
            return PolicySelection(policy: try SelectionPolicy.load(path: file))
        default: return RandomSampling()
        }
    }

    /// How many pool rows the strategy may judge by their labels (the oracle's validation set);
    /// 0 for every fair strategy.
    public func validationSize() throws(ActiveLearningError) -> Int {
        spec.name == "oracle" ? try spec.int("validation", 300, in: 1...10_000_000) : 0
    }
}
