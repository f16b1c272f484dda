extension ActiveLearningOptions {
    /// The options with tuned parameters applied (a study's trial parameters, as text).
    ///
    /// `strategy` and `model` replace the strategy's or model's name (keeping the keys the new
    /// one takes); `initial`, `batch`, `rounds` and `test_fraction` set the protocol; any other
    /// key goes to the model when it takes that key (`C`, `hidden`, `alpha`, ...), else to the
    /// strategy (`beta`, `candidates`, ...); a key only another model or strategy takes is left
    /// out (a study that tunes `strategy` may tune `beta` for `density` alone).
    /// - Throws: `badSpec` or `invalidOptions` naming a parameter neither takes.
    public func applying(_ parameters: [String: String]) throws(ActiveLearningError) -> ActiveLearningOptions {
        var copy = self
        var modelName = model.spec.name
        var strategyName = strategy.spec.name
        if let name = parameters["model"] { modelName = name }
        if let name = parameters["strategy"] { strategyName = name }
        var modelKeys = model.spec.values
        var strategyKeys = strategy.spec.values
        for key in parameters.keys.sorted() {
            guard let value = parameters[key] else { continue }
            switch key {
            case "model", "strategy": continue
            case "initial": copy.initial = try Self.integer(key, value)
            case "batch": copy.batch = try Self.integer(key, value)
            case "rounds": copy.rounds = try Self.integer(key, value)
            case "test_fraction":
                guard let f = Double(value) else { throw .invalidOptions("parameter test_fraction expects a number, got '\(value)'") }
                copy.testFraction = f
            default:
                if ModelSpec.keys[modelName]?.contains(key) == true {
                    modelKeys[key] = value
                } else if StrategySpec.keys[strategyName]?.contains(key) == true {
                    strategyKeys[key] = value
                } else if (Array(ModelSpec.keys.values) + Array(StrategySpec.keys.values)).contains(where: { $0.contains(key) }) {
                    continue  // a key of another model or strategy the study chooses between
                } else {
                    throw .invalidOptions(
                        "parameter '\(key)' is not a key of model '\(modelName)' (\(ModelSpec.keys[modelName]?.joined(separator: ", ") ?? "unknown model")) or strategy '\(strategyName)' (\(StrategySpec.keys[strategyName]?.joined(separator: ", ") ?? "unknown strategy")), nor initial, batch, rounds, test_fraction, model or strategy")
                }
            }
        }
        let keepModel = modelKeys.filter { ModelSpec.keys[modelName]?.contains($0.key) == true }
        let keepStrategy = strategyKeys.filter { StrategySpec.keys[strategyName]?.contains($0.key) == true }
        copy.model = try ModelSpec(parsing: Self.text(modelName, keepModel))
        copy.strategy = try StrategySpec(parsing: Self.text(strategyName, keepStrategy))
        return copy
    }

    static func text(_ name: String, _ values: [String: String]) -> String {
        values.isEmpty ? name : name + ":" + values.keys.sorted().map { "\($0)=\(values[$0] ?? "")" }.joined(separator: ",")
    }

    static func integer(_ key: String, _ value: String) throws(ActiveLearningError) -> Int {
        guard let v = Int(value) ?? Double(value).flatMap({ $0 == $0.rounded() ? Int(exactly: $0) : nil }) else {
            throw .invalidOptions("parameter \(key) expects an integer, got '\(value)'")
        }
        return v
    }
}
