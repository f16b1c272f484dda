import SweepCore

/// fANOVA (Hutter et al., ICML 2014) as Optuna 5.0's `FanovaImportanceEvaluator` computes it: a
/// random forest fitted to the objective, and for each parameter the mean over trees of the share
/// of the tree's variance that the parameter's marginal prediction explains.
///
/// Only parameters that every complete trial has, with one distribution, are assessed (Optuna's
/// intersection search space); a parameter of a single value gets 0. Numbers are used as they
/// are (no logarithm for log ranges, no half steps); a categorical parameter is one column per
/// choice (one-hot), all of its columns marginalised together.
///
/// The forest is Sweep's (`RegressionTree`), not scikit-learn's: the same kind of trees, other
/// bootstrap draws, so two seeds, or Sweep and Optuna, differ by the forest's sampling noise.
public struct Fanova: Sendable, Hashable {
    public var trees: Int
    public var maxDepth: Int
    public var seed: UInt64

    /// Optuna's defaults: 64 trees of depth at most 64.
    public init(trees: Int = 64, maxDepth: Int = 64, seed: UInt64 = 0) {
        self.trees = trees
        self.maxDepth = maxDepth
        self.seed = seed
    }

    /// Unnormalised importances of the parameters every trial has.
    /// - Throws: `noParameters` when there is none, `constantObjective` when no tree varies.
    public func importances(_ trials: [ImportanceTrial]) throws(ImportanceError) -> [String: Double] {
        let space = Self.commonSpace(trials)
        guard !space.isEmpty else { throw .noParameters }
        let varying = space.filter { !$0.distribution.isSingle }
        var result = Dictionary(uniqueKeysWithValues: space.map { ($0.name, 0.0) })
        guard !varying.isEmpty else { return result }
        let design = Design(varying, trials)
        let forest = (0..<trees).map { t in
            var generator = SplitMix64(seed: SplitMix64.derive(seed, UInt64(t)))
            let weights = Self.bootstrap(design.targets.count, &generator)
            let tree = RegressionTree(
                columns: design.columns, targets: design.targets, weights: weights, maxDepth: maxDepth, generator: &generator)
            return FanovaTree(tree, bounds: design.bounds)
        }
        let varied = forest.filter { $0.variance > 0 }
        guard !varied.isEmpty else { throw .constantObjective }
        for (p, parameter) in varying.enumerated() {
            let shares = varied.map { max($0.marginalVariance(design.parameterColumns[p]), 0) / $0.variance }
            result[parameter.name] = shares.reduce(0, +) / Double(shares.count)
        }
        return result
    }

    /// The parameters every trial has with one distribution, by name.
    static func commonSpace(_ trials: [ImportanceTrial]) -> [SearchSpace.Parameter] {
        guard var common = trials.first?.distributions else { return [] }
        for trial in trials.dropFirst() {
            common = common.filter { name, distribution in trial.distributions[name] == distribution && trial.params[name] != nil }
        }
        return common.keys.sorted().compactMap { name in common[name].map { SearchSpace.Parameter(name: name, distribution: $0) } }
    }

    /// How often each of `n` samples is drawn in `n` draws with replacement.
    static func bootstrap(_ n: Int, _ generator: inout SplitMix64) -> [Double] {
        var counts = Array(repeating: 0.0, count: n)
        for _ in 0..<n { counts[Int.random(in: 0..<n, using: &generator)] += 1 }
        return counts
    }
}

/// The trials as the forest reads them: a column per number, a column per categorical choice.
struct Design {
    var columns: [[Double]] = []
    var bounds: [(low: Double, high: Double)] = []
    var targets: [Double]
    /// The columns of each parameter.
    var parameterColumns: [[Int]] = []

    init(_ space: [SearchSpace.Parameter], _ trials: [ImportanceTrial]) {
        targets = trials.map(\.value)
        for parameter in space {
            let first = columns.count
            switch parameter.distribution {
            case .categorical(let d):
                let chosen = trials.map { $0.coordinate(parameter.name, on: parameter.distribution, logScale: false) }
                for choice in d.choices.indices {
                    columns.append(chosen.map { $0 == Double(choice) ? 1 : 0 })
                    bounds.append((0, 1))
                }
            case .float(let d):
                columns.append(trials.map { $0.coordinate(parameter.name, on: parameter.distribution, logScale: false) ?? d.low })
                bounds.append((d.low, d.high))
            case .int(let d):
                columns.append(trials.map { $0.coordinate(parameter.name, on: parameter.distribution, logScale: false) ?? Double(d.low) })
                bounds.append((Double(d.low), Double(d.high)))
            }
            parameterColumns.append(Array(first..<columns.count))
        }
    }
}
