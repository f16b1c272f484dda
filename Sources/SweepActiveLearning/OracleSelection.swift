import SweepML

/// The oracle: the upper reference, not a strategy one could use. It looks at true labels.
///
/// Each round it draws `candidates` unlabelled points (seeded) and greedily builds the batch:
/// for every candidate not yet picked it refits the classifier on the labelled points, the
/// picks so far and the candidate (with its true label), and keeps the candidate that gives the
/// best accuracy on the validation rows (ties: the lower validation log-loss). Its cost is
/// `batch × candidates` refits a round; the report's `selectionSeconds` shows it.
public struct OracleSelection: SelectionStrategy {
    /// Candidates drawn each round.
    public var candidates: Int

    public init(candidates: Int = 50) { self.candidates = candidates }

    public func select(_ count: Int, in context: SelectionContext, using rng: inout RandomGenerator) -> [Int] {
        let pool = RandomSampling().select(candidates, in: context, using: &rng)
        let validation = context.data.subset(context.validation)
        var picked: [Int] = []
        var base = context.model
        while picked.count < min(count, pool.count) {
            var best: (index: Int, accuracy: Double, loss: Double, model: any Classifier)?
            for c in pool where !picked.contains(c) {
                var model = base
                let training = context.data.subset(context.labelled + picked + [c])
                model.fit(training.features, labels: training.labels)
                let (accuracy, loss) = model.score(validation.features, labels: validation.labels)
                if best.map({ accuracy > $0.accuracy || (accuracy == $0.accuracy && loss < $0.loss) }) ?? true {
                    best = (c, accuracy, loss, model)
                }
            }
            guard let chosen = best else { break }
            picked.append(chosen.index)
            base = chosen.model
        }
        return picked
    }
}
