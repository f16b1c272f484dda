import SweepML

/// A classifier spec: `logreg` (`C`, `max_iter`, `tol`; scikit-learn's defaults 1, 100, 1e-4;
/// `fit=warm|cold`, default warm: see `LogisticModel.Start`) or `mlp` (`hidden` units of one tanh layer, default 32; `alpha` 1e-4; `max_iter` 200).
public struct ModelSpec: Sendable, Hashable {
    /// The spec as written.
    public let text: String
    let spec: LabSpec

    static let keys: [String: [String]] = ["logreg": ["C", "max_iter", "tol", "fit"], "mlp": ["hidden", "alpha", "max_iter", "tol"]]

    public init(parsing text: String) throws(ActiveLearningError) {
        spec = try LabSpec(parsing: text, kind: "model", known: Self.keys)
        self.text = spec.text
        _ = try make(featureCount: 1, classCount: 2, seed: 0)
    }

    /// A fresh, unfitted classifier for `featureCount` features and `classCount` classes.
    public func make(featureCount: Int, classCount: Int, seed: UInt64) throws(ActiveLearningError) -> any Classifier {
        let defaultIterations = spec.name == "mlp" ? 200 : 100
        let solver = LBFGS(
            gradientTolerance: try spec.double("tol", 1e-4, in: 0...1),
            maxIterations: try spec.int("max_iter", defaultIterations, in: 1...100_000))
        if spec.name == "mlp" {
            return MLPModel(
                featureCount: featureCount, classCount: classCount, hidden: [try spec.int("hidden", 32, in: 1...4096)],
                alpha: try spec.double("alpha", 1e-4, in: 0...1e6), solver: solver, seed: seed)
        }
        let c = try spec.double("C", 1, in: 1e-12...1e12)
        let start = try spec.choice("fit", LogisticModel.Start.warm)
        return LogisticModel(featureCount: featureCount, classCount: classCount, inverseRegularization: c, solver: solver, start: start)
    }
}
