import SweepML

/// A neural reward estimator: an MLP from the context to one output per arm (a shared body with
/// one head per arm), trained online with Adam on the squared error of the pulled arm's output.
///
/// One network for all arms lets arms share what the context means; one forward pass gives every
/// arm's estimate. Rewards are standardised with a running `RewardScaler`. Each update takes one
/// Adam step on a mini-batch made of the new example and examples drawn from a small replay buffer
/// of recent ones, which steadies online learning. Without a context the input is the constant 1,
/// and the network reduces to learned per-arm means.
public struct NeuralEstimator: RewardEstimator {
    /// Settings of a neural estimator.
    public struct Options: Sendable, Equatable {
        /// Hidden layer sizes.
        public var hidden: [Int]
        /// The hidden activation.
        public var activation: Activation
        /// Adam's learning rate.
        public var learningRate: Double
        /// Examples per update (the new one plus `batch - 1` replayed ones).
        public var batch: Int
        /// How many recent examples the replay buffer keeps.
        public var replay: Int

        /// Options with the defaults used by `neural` agents.
        public init(hidden: [Int] = [32], activation: Activation = .tanh, learningRate: Double = 0.01, batch: Int = 8, replay: Int = 512) {
            self.hidden = hidden
            self.activation = activation
            self.learningRate = learningRate
            self.batch = batch
            self.replay = replay
        }
    }

    /// The settings.
    public let options: Options
    /// The network (nil before `reset`).
    public private(set) var network: MLP?
    public private(set) var statistics = ArmStatistics(arms: 0)
    /// The reward standardisation.
    public private(set) var scaler = RewardScaler()
    var optimizer: Adam
    var rng = RandomGenerator(seed: 0)
    var buffer: [(context: [Double], arm: Int, reward: Double)] = []
    var next = 0
    var arms = 0

    /// A neural estimator.
    public init(options: Options = Options()) {
        self.options = options
        optimizer = Adam(learningRate: options.learningRate)
    }

    public mutating func reset(arms: Int, contextDimension: Int, using rng: inout RandomGenerator) {
        self.arms = arms
        network = MLP(
            inputSize: max(contextDimension, 1), hiddenSizes: options.hidden, outputSize: arms,
            activation: options.activation, using: &rng)
        self.rng = RandomGenerator(seed: rng.next())
        optimizer = Adam(learningRate: options.learningRate)
        statistics = ArmStatistics(arms: arms)
        scaler = RewardScaler()
        buffer = []
        buffer.reserveCapacity(options.replay)
        next = 0
    }

    static func input(_ context: [Double]) -> [Double] { context.isEmpty ? [1] : context }

    public func predict(context: [Double]) -> [Double] {
        guard let network else { return [] }
        return network.forward(Self.input(context)).map { scaler.denormalize($0) }
    }

    public mutating func update(arm: Int, context: [Double], reward: Double) {
        guard var network else { return }
        let x = Self.input(context)
        let residual = reward - scaler.denormalize(network.forward(x)[arm])
        statistics.record(arm: arm, residual: statistics.total == 0 ? nil : residual)
        scaler.observe(reward)
        let example = (context: x, arm: arm, reward: reward)
        if buffer.count < options.replay {
            buffer.append(example)
        } else {
            buffer[next] = example
            next = (next + 1) % options.replay
        }
        var gradient = [Double](repeating: 0, count: network.parameters.count)
        var trace = MLP.Trace()
        let size = min(options.batch, buffer.count)
        for k in 0..<size {
            let (cx, ca, cr) = k == 0 ? example : buffer[rng.nextInt(below: buffer.count)]
            let output = network.forward(cx, trace: &trace)
            let (_, dOut) = Loss.maskedSquared(output: output, index: ca, target: scaler.normalize(cr))
            network.accumulateGradient(trace: trace, outputGradient: dOut, into: &gradient)
        }
        let inverse = 1 / Double(size)
        for i in gradient.indices { gradient[i] *= inverse }
        optimizer.step(&network.parameters, gradient: gradient)
        self.network = network
    }
}
