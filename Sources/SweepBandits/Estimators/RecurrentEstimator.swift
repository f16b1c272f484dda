import SweepML

/// A recurrent reward estimator: a GRU reads the history step by step and its readout predicts
/// every arm's reward now, so the estimate can follow a world that changes.
///
/// The input at step t is `[one-hot(a_{t-1}), r_{t-1}, context_t]` (the previous pull, its
/// standardised reward, and the current context); the readout has one output per arm and the loss
/// is the squared error of the pulled arm's output. Training is online truncated backpropagation
/// through time: every `trainEvery` updates, one Adam step (gradient norm clipped to 5) on the last
/// `window` steps, starting from the stored state the network had before the window (detached).
public struct RecurrentEstimator: RewardEstimator {
    /// Settings of a recurrent estimator.
    public struct Options: Sendable, Equatable {
        /// GRU state size.
        public var hidden: Int
        /// Adam's learning rate.
        public var learningRate: Double
        /// Steps of history the truncated BPTT window covers.
        public var window: Int
        /// Train once every this many updates.
        public var trainEvery: Int

        /// Options with the defaults used by `recurrent` agents.
        public init(hidden: Int = 16, learningRate: Double = 0.01, window: Int = 32, trainEvery: Int = 1) {
            self.hidden = hidden
            self.learningRate = learningRate
            self.window = window
            self.trainEvery = trainEvery
        }
    }

    /// One remembered step of the window.
    struct Entry: Sendable {
        var input: [Double]
        var arm: Int
        var reward: Double
        var stateBefore: [Double]
    }

    /// The settings.
    public let options: Options
    /// The network (nil before `reset`).
    public private(set) var network: GRUNetwork?
    public private(set) var statistics = ArmStatistics(arms: 0)
    /// The reward standardisation.
    public private(set) var scaler = RewardScaler()
    /// The state after the last update (the summary of the past).
    public private(set) var state: [Double] = []
    var optimizer: Adam
    var entries: [Entry] = []
    var lastArm = -1
    var lastReward = 0.0
    var arms = 0

    /// A recurrent estimator.
    public init(options: Options = Options()) {
        self.options = options
        optimizer = Adam(learningRate: options.learningRate)
    }

    public mutating func reset(arms: Int, contextDimension: Int, using rng: inout RandomGenerator) {
        self.arms = arms
        let net = GRUNetwork(inputSize: arms + 1 + contextDimension, hiddenSize: options.hidden, outputSize: arms, using: &rng)
        network = net
        state = net.initialState
        optimizer = Adam(learningRate: options.learningRate)
        statistics = ArmStatistics(arms: arms)
        scaler = RewardScaler()
        entries = []
        lastArm = -1
        lastReward = 0
    }

    func input(context: [Double]) -> [Double] {
        var x = [Double](repeating: 0, count: arms + 1)
        if lastArm >= 0 { x[lastArm] = 1 }
        x[arms] = lastReward
        x.append(contentsOf: context)
        return x
    }

    public func predict(context: [Double]) -> [Double] {
        guard let network else { return [] }
        return network.readout(network.step(input(context: context), state: state)).map { scaler.denormalize($0) }
    }

    public mutating func update(arm: Int, context: [Double], reward: Double) {
        guard let network else { return }
        let x = input(context: context)
        let next = network.step(x, state: state)
        let residual = reward - scaler.denormalize(network.readout(next)[arm])
        statistics.record(arm: arm, residual: statistics.total == 0 ? nil : residual)
        scaler.observe(reward)
        entries.append(Entry(input: x, arm: arm, reward: reward, stateBefore: state))
        if entries.count > options.window { entries.removeFirst(entries.count - options.window) }
        state = next
        lastArm = arm
        lastReward = scaler.normalize(reward)
        if statistics.total % options.trainEvery == 0 { train() }
    }

    /// One truncated-BPTT Adam step on the window.
    mutating func train() {
        guard var network, let first = entries.first else { return }
        let t = entries.count
        var inputs = Matrix(rows: t, columns: network.inputSize)
        for (i, e) in entries.enumerated() { inputs.setRow(i, to: e.input) }
        let trace = network.forward(inputs, initialState: first.stateBefore)
        var dy = Matrix(rows: t, columns: arms)
        let inverse = 1 / Double(t)
        for (i, e) in entries.enumerated() {
            dy[i, e.arm] = (trace.outputs[i, e.arm] - scaler.normalize(e.reward)) * inverse
        }
        let gradient = network.backward(trace, outputGradients: dy).gradient
        optimizer.step(&network.parameters, gradient: gradient, clippingNorm: 5)
        self.network = network
    }
}
