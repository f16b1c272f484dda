import SweepML

/// Data routing as a bandit: each sample of a labelled stream is routed to one of K learners
/// (the arms), the chosen learner trains on it, and the reward is the change in that learner's
/// held-out accuracy.
///
/// The estimator sees the sample as its context: the one-hot label followed by the standardised
/// features. Learners are `SoftmaxRegression` classifiers, each over its own feature subset; the
/// reward costs one pass over the held-out set of the one learner that trained.
public enum DataRouting {
    /// Runs one routing experiment.
    /// - Throws: `RoutingDataError` when the CSV file cannot be used or the options do not fit it.
    public static func run(_ options: RoutingOptions) throws(RoutingDataError) -> RoutingReport {
        guard options.learners >= 1 else { throw .invalidOptions("learners must be ≥ 1, got \(options.learners)") }
        guard options.samples >= 1 else { throw .invalidOptions("samples must be ≥ 1, got \(options.samples)") }
        guard options.heldOut >= 1 else { throw .invalidOptions("held-out must be ≥ 1, got \(options.heldOut)") }
        guard options.curveWindow >= 1 else { throw .invalidOptions("curve window must be ≥ 1, got \(options.curveWindow)") }
        var rng = RandomGenerator(seed: options.seed)
        let data = try prepare(options, using: &rng)
        let k = options.learners
        let learners = (0..<k).map { learner in
            let rows = data.heldOut.labels.indices.filter { data.domains[learner].contains(data.heldOut.labels[$0]) }
            return RoutingLearner(features: data.subsets[learner], classCount: data.stream.classCount, heldOut: data.heldOut.subset(rows))
        }
        var agentRNG = RandomGenerator(seed: options.seed, stream: 1)
        switch options.estimator {
        case .random:
            return route(data, learners, EmpiricalEstimator(), .epsilonGreedy(epsilon: 1), options, &agentRNG)
        case .empirical:
            return route(data, learners, EmpiricalEstimator(), options.selection, options, &agentRNG)
        case .neural:
            let o = NeuralEstimator.Options(hidden: [options.hidden], learningRate: options.estimatorLearningRate)
            return route(data, learners, NeuralEstimator(options: o), options.selection, options, &agentRNG)
        case .recurrent:
            let o = RecurrentEstimator.Options(hidden: options.hidden, learningRate: options.estimatorLearningRate, window: options.window)
            return route(data, learners, RecurrentEstimator(options: o), options.selection, options, &agentRNG)
        }
    }

    /// The stream, the held-out set and each learner's feature subset.
    struct Prepared {
        var source: String
        var stream: LabelledDataset
        var heldOut: LabelledDataset
        var subsets: [[Int]]
        var domains: [[Int]]
    }

    static func prepare(_ options: RoutingOptions, using rng: inout RandomGenerator) throws(RoutingDataError) -> Prepared {
        let all: LabelledDataset
        let source: String
        var order: [Int]
        let streamCount: Int
        switch options.source {
        case .synthetic(let generator):
            guard generator.classes >= 2, generator.blockSize >= 1, generator.noiseFeatures >= 0,
                generator.imbalance > 0, generator.imbalance <= 1, generator.separation.isFinite
            else {
                throw .invalidOptions("synthetic data needs classes ≥ 2, block size ≥ 1, noise features ≥ 0, imbalance in (0, 1]")
            }
            all = generator.generate(count: options.heldOut + options.samples, using: &rng).standardized()
            source = "synthetic"
            order = Array(0..<all.count)
            streamCount = options.samples
        case .csv(let path, let labelColumn, let header):
            do {
                all = try CSVDataset.load(path: path, labelColumn: labelColumn, header: header).standardized()
            } catch {
                throw .data(error)
            }
            source = path
            guard options.heldOut < all.count else {
                throw .invalidOptions("held-out \(options.heldOut) leaves no samples to route in \(path) (\(all.count) rows); use a held-out size below \(all.count)")
            }
            order = Array(0..<all.count)
            shuffle(&order, using: &rng)
            streamCount = min(options.samples, all.count - options.heldOut)
        }
        let d = all.featureCount
        let subsets: [[Int]] = (0..<options.learners).map { _ in
            guard let size = options.featuresPerLearner, size < d else { return Array(0..<d) }
            var columns = Array(0..<d)
            shuffle(&columns, using: &rng)
            return Array(columns[0..<max(size, 1)]).sorted()
        }
        let heldOut = all.subset(Array(order[0..<options.heldOut]))
        let domains = (0..<options.learners).map { domain(learner: $0, of: options.learners, classes: all.classCount, scoring: options.scoring) }
        for (k, classes) in domains.enumerated() where !heldOut.labels.contains(where: classes.contains) {
            throw .invalidOptions("learner \(k) has no held-out samples of its classes \(classes.map { all.classNames[$0] }); use fewer learners, shared scoring or a larger held-out set")
        }
        return Prepared(
            source: source, stream: all.subset(Array(order[options.heldOut..<(options.heldOut + streamCount)])),
            heldOut: heldOut, subsets: subsets, domains: domains)
    }

    /// The classes learner `k` of `learners` is scored on.
    static func domain(learner k: Int, of learners: Int, classes: Int, scoring: RoutingOptions.Scoring) -> [Int] {
        switch scoring {
        case .shared:
            return Array(0..<classes)
        case .specialists:
            return (0..<classes).filter { $0 % learners == k || $0 % learners == (k + 1) % learners }
        }
    }

    static func shuffle(_ a: inout [Int], using rng: inout RandomGenerator) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, rng.nextInt(below: i + 1)) }
    }

    static func route<E: RewardEstimator>(
        _ data: Prepared, _ initialLearners: [RoutingLearner], _ estimator: E, _ rule: SelectionRule,
        _ options: RoutingOptions, _ rng: inout RandomGenerator
    ) -> RoutingReport {
        let stream = data.stream
        let (k, classes) = (initialLearners.count, stream.classCount)
        var learners = initialLearners
        var agent = EstimatorAgent(estimator: estimator, rule: rule)
        agent.reset(arms: k, contextDimension: classes + stream.featureCount)
        var table = [[Int]](repeating: [Int](repeating: 0, count: classes), count: k)
        var total = 0.0
        var curve: [Double] = []
        var windowSum = 0.0
        var windowCount = 0
        for i in 0..<stream.count {
            let x = stream.features.row(i)
            let label = stream.labels[i]
            var context = Vector.oneHot(label, count: classes)
            context.append(contentsOf: x)
            let arm = agent.selectArm(step: i, context: context, using: &rng)
            let reward = learners[arm].train(x, label: label, learningRate: options.learnerLearningRate)
            agent.update(arm: arm, reward: reward, context: context)
            table[arm][label] += 1
            total += reward
            windowSum += reward
            windowCount += 1
            if windowCount == options.curveWindow || i == stream.count - 1 {
                curve.append(windowSum / Double(windowCount))
                windowSum = 0
                windowCount = 0
            }
        }
        return RoutingReport(
            source: data.source, estimator: options.estimator.rawValue, selection: options.estimator == .random ? "uniform" : rule.description,
            seed: options.seed, samples: stream.count, heldOut: data.heldOut.count, classNames: stream.classNames,
            learnerFeatures: data.subsets.map { $0.map { stream.featureNames[$0] } },
            learnerClasses: data.domains.map { $0.map { stream.classNames[$0] } }, routingTable: table,
            meanReward: stream.count > 0 ? total / Double(stream.count) : 0,
            initialAccuracies: initialLearners.map(\.accuracy), finalAccuracies: learners.map(\.accuracy),
            rewardCurve: curve, curveWindow: options.curveWindow)
    }
}
