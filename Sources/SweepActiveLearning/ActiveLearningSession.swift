import Foundation
import SweepML

/// One run of the lab, a round at a time: a split, a classifier fitted to the labels so far, a
/// strategy, and the learning curve measured on the test set after every fit.
///
/// Run `r` of seed `s` draws its split and every strategy choice from
/// `RandomGenerator(seed: s, stream: r)`, so a run is the same whatever else runs beside it.
public struct ActiveLearningSession: Sendable {
    /// Every row.
    public let data: LabelledDataset
    /// The split into test rows, initial labels and pool.
    public let split: PoolSplit
    /// Labelled rows so far, in the order they were labelled.
    public private(set) var labelled: [Int]
    /// Rows that may still be picked, in dataset order.
    public private(set) var unlabelled: [Int]
    /// The classifier, fitted to `labelled`.
    public private(set) var model: any Classifier
    /// The curve so far: one point after the initial fit and one after every round.
    public private(set) var curve: LearningCurve
    let strategy: any SelectionStrategy
    let validation: [Int]
    let batch: Int
    /// Labels at the end of the run.
    let budget: Int
    let test: LabelledDataset
    /// The traced test rows' features (`curve.traces` in the same order).
    let traced: Matrix
    var rng: RandomGenerator

    /// Splits `data`, fits the classifier to the initial labels and measures it.
    /// - Parameter validationSize: pool rows whose labels judge choices (the oracle's, or a
    ///   policy's training reward); nil for what the strategy asks.
    public init(data: LabelledDataset, options: ActiveLearningOptions, run: Int, validationSize: Int? = nil) throws(ActiveLearningError) {
        try options.validate()
        var rng = RandomGenerator(seed: options.seed, stream: UInt64(run))
        let split = try PoolSplit(labels: data.labels, classCount: data.classCount, testFraction: options.testFraction, initial: options.initial, using: &rng)
        guard options.batch <= split.unlabelled.count else {
            throw .invalidOptions("batch \(options.batch) is larger than the \(split.unlabelled.count) unlabelled points of the pool; use a smaller batch")
        }
        let needed = options.initial + options.rounds * options.batch
        let poolSize = split.initial.count + split.unlabelled.count
        guard needed <= poolSize else {
            throw .invalidOptions("initial \(options.initial) + rounds \(options.rounds) × batch \(options.batch) = \(needed) labels, but the pool has \(poolSize) points; use fewer rounds or a smaller batch")
        }
        var pool = split.initial + split.unlabelled
        PoolSplit.shuffle(&pool, using: &rng)
        let judged = try options.strategy.validationSize()
        validation = Array(pool.prefix(validationSize ?? judged)).sorted()
        budget = needed
        self.data = data
        self.split = split
        self.rng = rng
        batch = options.batch
        labelled = split.initial
        unlabelled = split.unlabelled
        test = data.subset(split.test)
        strategy = try options.strategy.make().prepared(data: data, pool: split.initial + split.unlabelled)
        model = try options.model.make(featureCount: data.featureCount, classCount: data.classCount, seed: options.seed &+ UInt64(run))
        curve = LearningCurve()
        curve.initial = split.initial
        curve.test = split.test
        let rows = try ProbabilityTrace.rows(count: options.trace, test: split.test, labels: data.labels, classCount: data.classCount, seed: options.seed, run: run)
        curve.traces = rows.map { ProbabilityTrace(run: run, row: $0, label: data.labels[$0], className: data.classNames[data.labels[$0]]) }
        traced = data.subset(rows).features
        fitAndMeasure(picked: [], seconds: 0)
    }

    /// Whether another round can run (the pool is not empty).
    public var canStep: Bool { !unlabelled.isEmpty }

    /// Labels the next batch (at most what is left of the pool), refits and measures.
    public mutating func step() {
        guard canStep else { return }
        let start = ContinuousClock.now
        let picked = strategy.select(min(batch, unlabelled.count), in: context, using: &rng)
        label(picked, seconds: (ContinuousClock.now - start).seconds)
    }

    /// What a strategy sees now.
    public var context: SelectionContext {
        SelectionContext(data: data, labelled: labelled, unlabelled: unlabelled, model: model, validation: validation, budget: budget)
    }

    /// The rows whose labels judge choices (see `init`).
    public var validationRows: [Int] { validation }

    /// Labels `rows` (those still unlabelled, once each), refits and measures: a round whose points were chosen
    /// outside the session (by a policy being trained).
    public mutating func label(_ rows: [Int], seconds: Double = 0) {
        let open = Set(unlabelled)
        var seen = Set<Int>()
        let picked = rows.filter { open.contains($0) && seen.insert($0).inserted }
        let chosen = Set(picked)
        labelled += picked
        unlabelled.removeAll { chosen.contains($0) }
        fitAndMeasure(picked: picked, seconds: seconds)
    }

    mutating func fitAndMeasure(picked: [Int], seconds: Double) {
        let training = data.subset(labelled)
        model.fit(training.features, labels: training.labels)
        let (accuracy, loss) = model.score(test.features, labels: test.labels)
        curve.append(labels: labelled.count, accuracy: accuracy, loss: loss, picked: picked, selectionSeconds: seconds)
        guard !curve.traces.isEmpty else { return }
        let p = model.probabilities(traced)
        for i in curve.traces.indices { curve.traces[i].probabilities.append(p.row(i)) }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
