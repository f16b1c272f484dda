/// One configuration of the lab: data, classifier, strategy and protocol.
public struct ActiveLearningOptions: Sendable, Hashable {
    /// Where the points come from.
    public var data: DataSource
    /// The classifier.
    public var model: ModelSpec
    /// How points are picked.
    public var strategy: StrategySpec
    /// The share of each class held out as the test set.
    public var testFraction: Double
    /// Labels at the start, drawn at random from the pool.
    public var initial: Int
    /// Points labelled each round.
    public var batch: Int
    /// Rounds after the initial fit.
    public var rounds: Int
    /// Independent runs (splits and strategy draws); run s draws from stream s of `seed`.
    public var seeds: Int
    /// The seed everything random derives from (a synthetic pool is drawn from it, the same for
    /// every run).
    public var seed: UInt64
    /// Test points whose class probabilities each run records after every round
    /// (`ProbabilityTrace.rows` says which); 0 traces none.
    public var trace: Int

    public init(
        data: DataSource, model: ModelSpec, strategy: StrategySpec, testFraction: Double = 1.0 / 3,
        initial: Int = 10, batch: Int = 10, rounds: Int = 20, seeds: Int = 1, seed: UInt64 = 0, trace: Int = 0
    ) {
        self.data = data
        self.model = model
        self.strategy = strategy
        self.testFraction = testFraction
        self.initial = initial
        self.batch = batch
        self.rounds = rounds
        self.seeds = seeds
        self.seed = seed
        self.trace = trace
    }

    /// Reads the text forms (`--data`, `--model`, `--strategy`) of a configuration.
    public init(data: String, model: String, strategy: String) throws(ActiveLearningError) {
        self.init(data: try DataSource(parsing: data), model: try ModelSpec(parsing: model), strategy: try StrategySpec(parsing: strategy))
    }

    /// Checks the counts that do not depend on the data.
    func validate() throws(ActiveLearningError) {
        guard initial >= 1 else { throw .invalidOptions("initial labels must be at least 1, got \(initial)") }
        guard batch >= 1 else { throw .invalidOptions("batch must be at least 1, got \(batch)") }
        guard rounds >= 0 else { throw .invalidOptions("rounds must be at least 0, got \(rounds)") }
        guard seeds >= 1 else { throw .invalidOptions("seeds must be at least 1, got \(seeds)") }
        guard trace >= 0 else { throw .invalidOptions("trace must be at least 0 (test points to trace), got \(trace)") }
    }
}
