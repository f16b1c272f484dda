import SweepML
import Testing
@testable import SweepActiveLearning

/// A line of points x = -10 ... 10 (second feature 0), class 1 when x > 0; the ends labelled.
func linePool() -> (data: LabelledDataset, labelled: [Int], unlabelled: [Int]) {
    let xs = (-10...10).map(Double.init).filter { $0 != 0 }
    let data = LabelledDataset(
        features: Matrix(xs.map { [$0, 0] }), labels: xs.map { $0 > 0 ? 1 : 0 }, classNames: ["neg", "pos"])
    let labelled = [0, 1, xs.count - 2, xs.count - 1]  // -10, -9, 9, 10
    return (data, labelled, Array(2..<(xs.count - 2)))
}

func context(_ pool: (data: LabelledDataset, labelled: [Int], unlabelled: [Int]), validation: [Int] = []) -> SelectionContext {
    var model: any Classifier = LogisticModel(featureCount: pool.data.featureCount, classCount: pool.data.classCount)
    let training = pool.data.subset(pool.labelled)
    model.fit(training.features, labels: training.labels)
    return SelectionContext(data: pool.data, labelled: pool.labelled, unlabelled: pool.unlabelled, model: model, validation: validation)
}

@Suite struct StrategyTests {
    /// On a linearly separable line, every uncertainty measure picks the points nearest the
    /// boundary (x = ±1, then ±2).
    @Test(arguments: Uncertainty.allCases)
    func uncertaintyPicksTheBoundaryPoints(measure: Uncertainty) {
        let pool = linePool()
        var rng = RandomGenerator(seed: 0)
        let picked = UncertaintySampling(measure).select(4, in: context(pool), using: &rng)
        let xs = Set(picked.map { abs(pool.data.features[$0, 0]) })
        #expect(xs == [1, 2], "picked x = \(picked.map { pool.data.features[$0, 0] })")
    }

    @Test func uncertaintyScoresHaveKnownValues() {
        let p = [0.5, 0.3, 0.2]
        #expect(abs(Uncertainty.leastConfident.score(p) - 0.5) < 1e-12)
        #expect(abs(Uncertainty.margin.score(p) - -0.2) < 1e-12)
        #expect(abs(Uncertainty.entropy.score(p) - 1.0296530140645737) < 1e-12)
        #expect(Uncertainty.entropy.score([1, 0]) == 0)
    }

    /// k-center greedy picks the point farthest from the labelled ones, then the farthest from
    /// those and its first pick.
    @Test func kCenterPicksTheFarthestPoints() {
        let data = LabelledDataset(features: Matrix([[0, 0], [1, 0], [10, 0], [0, 7], [2, 0]]), labels: [0, 1, 0, 1, 0], classNames: ["a", "b"])
        let pool = (data: data, labelled: [0, 1], unlabelled: [2, 3, 4])
        var rng = RandomGenerator(seed: 0)
        #expect(KCenterGreedy().select(2, in: context(pool), using: &rng) == [2, 3])
    }

    /// Every strategy returns the asked number of distinct unlabelled rows, the same for the
    /// same seed.
    @Test(arguments: StrategySpec.names.filter { $0 != "policy" })  // policy needs a file: PolicyTests
    func strategiesReturnDistinctUnlabelledRows(name: String) throws {
        let data = try SyntheticPool(parsing: "blobs:n=120,classes=3").generate(seed: 1)
        let pool = (data: data, labelled: Array(0..<6), unlabelled: Array(6..<120))
        let strategy = try StrategySpec(parsing: name).make().prepared(data: data, pool: Array(0..<120))
        let c = context(pool, validation: Array(60..<120))
        var a = RandomGenerator(seed: 9), b = RandomGenerator(seed: 9)
        let picked = strategy.select(7, in: c, using: &a)
        #expect(picked.count == 7 && Set(picked).count == 7)
        #expect(picked.allSatisfy { $0 >= 6 })
        #expect(picked == strategy.select(7, in: c, using: &b))
    }

    /// The oracle's first pick is the candidate whose label helps validation accuracy most: no
    /// other single candidate gives more.
    @Test func oraclePicksTheBestCandidate() throws {
        let data = try SyntheticPool(parsing: "moons:n=80,noise=0.3").generate(seed: 3)
        let pool = (data: data, labelled: [0, 1, 2, 3], unlabelled: Array(4..<80))
        let c = context(pool, validation: Array(40..<80))
        var rng = RandomGenerator(seed: 5)
        let oracle = OracleSelection(candidates: 12)
        let picked = try #require(oracle.select(1, in: c, using: &rng).first)
        var again = RandomGenerator(seed: 5)
        let candidates = RandomSampling().select(12, in: c, using: &again)
        let validation = data.subset(c.validation)
        func accuracy(_ i: Int) -> Double {
            var m = c.model
            let t = data.subset(pool.labelled + [i])
            m.fit(t.features, labels: t.labels)
            return m.score(validation.features, labels: validation.labels).accuracy
        }
        let best = candidates.map(accuracy).max() ?? 0
        #expect(candidates.contains(picked))
        #expect(accuracy(picked) == best)
    }

    @Test func strategySpecsAreChecked() {
        #expect(throws: ActiveLearningError.self) { try StrategySpec(parsing: "uncertain") }
        #expect(throws: ActiveLearningError.badSpec(spec: "density:measure=max", reason: "key 'measure' expects least_confident, margin or entropy, got 'max'")) {
            try StrategySpec(parsing: "density:measure=max")
        }
        #expect(throws: ActiveLearningError.self) { try ModelSpec(parsing: "logreg:C=0") }
    }
}
