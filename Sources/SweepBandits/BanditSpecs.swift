/// Builds environments and agents from specs of the form `name:key=value,...` (the form pruner
/// specs use), e.g. `bernoulli:means=0.1,0.5,0.9`, `gaussian:means=0,1,stds=1,2`, `ucb1:c=2`.
/// A token without `=` continues the previous key's list.
public enum BanditSpecs {
    /// The environment names, in the order help texts list them.
    public static let environmentNames = ["bernoulli", "gaussian", "drifting", "switching", "contextual"]

    /// The agent names, in the order help texts list them.
    public static let agentNames = [
        "random", "greedy", "epsilon_greedy", "decaying_epsilon", "per_arm_epsilon", "explore_then_commit",
        "ucb1", "kl_ucb", "thompson", "sw_ucb", "d_ucb", "linucb", "neural", "recurrent",
    ]

    /// The environment a spec names.
    ///
    /// - `bernoulli:means=0.1,0.5,0.9` or `bernoulli:arms=10` (means ~ U(0, 1) every run)
    /// - `gaussian:means=0,1,stds=1,2` or `gaussian:arms=10,stds=1` (means ~ N(0, 1) every run)
    /// - `drifting:arms=10,drift=0.01,rewards=gaussian,std=1` (or `means=...` to start from)
    /// - `switching:arms=5,period=500,change=redraw|permute,rewards=bernoulli` (or
    ///   `change_points=300,700` instead of `period`, `means=...` to start from; or
    ///   `means=0.9,0.5,next_means=0.1,0.5` to alternate between two given sets)
    /// - `contextual:kind=linear,arms=5,dimension=10,noise=0.1` or
    ///   `contextual:kind=classification,arms=4,dimension=5,samples=1000,separation=2`
    /// - Throws: `BanditSpecError` naming the spec, the key, what was expected and what was given.
    public static func environment(parsing text: String) throws(BanditSpecError) -> any BanditEnvironment {
        let spec = try BanditSpec(parsing: text, kind: "environment")
        switch spec.name {
        case "bernoulli":
            try spec.checkKeys(["means", "arms"])
            let means = try spec.doubles("means", in: 0...1, what: "a probability")
            if let means {
                if spec.has("arms") { throw .conflict(spec: spec.text, message: Message.meansOrArms) }
                return BernoulliBandit(means: means)
            }
            return BernoulliBandit(randomArms: try spec.int("arms", default: 10, in: 1...maxArms))
        case "gaussian":
            try spec.checkKeys(["means", "stds", "arms"])
            let stds = try spec.doubles("stds", in: 0...Double.infinity, what: "a standard deviation") ?? [1]
            if let means = try spec.doubles("means") {
                if spec.has("arms") { throw .conflict(spec: spec.text, message: Message.meansOrArms) }
                guard stds.count == 1 || stds.count == means.count else {
                    throw .conflict(spec: spec.text, message: Message.stdsCount(stds.count, means.count))
                }
                return GaussianBandit(means: means, stds: stds)
            }
            guard stds.count == 1 else {
                throw .conflict(spec: spec.text, message: "random means (arms=K) take a single std, got \(stds.count)")
            }
            return GaussianBandit(randomArms: try spec.int("arms", default: 10, in: 1...maxArms), std: stds[0])
        case "drifting":
            try spec.checkKeys(["arms", "means", "drift", "rewards", "std"])
            let rewards = try armRewards(spec, default: "gaussian")
            let (arms, means) = try armsAndMeans(spec, rewards: rewards)
            let drift = try spec.double("drift", default: 0.01, in: 0...Double.infinity)
            return DriftingBandit(arms: arms, initialMeans: means, drift: drift, rewards: rewards)
        case "switching":
            try spec.checkKeys(["arms", "means", "next_means", "period", "change_points", "change", "rewards", "std"])
            let rewards = try armRewards(spec, default: "bernoulli")
            let (arms, means) = try armsAndMeans(spec, rewards: rewards)
            var change: SwitchingBandit.Change =
                try spec.string("change", default: "redraw", allowed: ["redraw", "permute"]) == "permute" ? .permute : .redraw
            let nextMeans = rewards == .bernoulli
                ? try spec.doubles("next_means", in: 0...1, what: "a probability") : try spec.doubles("next_means")
            if let nextMeans {
                guard spec.has("means"), !spec.has("change"), nextMeans.count == arms else {
                    throw .conflict(spec: spec.text, message: "next_means needs means=... with as many values, and no change=...")
                }
                change = .alternate(nextMeans)
            }
            let schedule: SwitchingBandit.Schedule
            if let points = try spec.ints("change_points", in: 1...Int.max) {
                if spec.has("period") { throw .conflict(spec: spec.text, message: "give period or change_points, not both") }
                guard zip(points, points.dropFirst()).allSatisfy({ $0 < $1 }) else {
                    throw .badValue(spec: spec.text, key: "change_points", value: spec.values("change_points")?.joined(separator: ",") ?? "",
                                    expected: "increasing steps")
                }
                schedule = .at(points)
            } else {
                schedule = .every(try spec.int("period", default: 500, in: 1...Int.max))
            }
            return SwitchingBandit(arms: arms, initialMeans: means, schedule: schedule, change: change, rewards: rewards)
        case "contextual":
            let kind = try spec.string("kind", default: "linear", allowed: ["linear", "classification"])
            if kind == "linear" {
                try spec.checkKeys(["kind", "arms", "dimension", "noise"])
                return LinearContextualBandit(
                    arms: try spec.int("arms", default: 5, in: 1...maxArms),
                    dimension: try spec.int("dimension", default: 10, in: 1...maxDimension),
                    noise: try spec.double("noise", default: 0.1, in: 0...Double.infinity))
            }
            try spec.checkKeys(["kind", "arms", "dimension", "samples", "separation"])
            return ClassificationBandit(
                classes: try spec.int("arms", default: 4, in: 1...maxArms),
                dimension: try spec.int("dimension", default: 5, in: 1...maxDimension),
                samples: try spec.int("samples", default: 1_000, in: 1...10_000_000),
                separation: try spec.double("separation", default: 2, in: 0...Double.infinity))
        default:
            throw .unknownName(kind: "environment", spec: spec.text, name: spec.name, known: environmentNames)
        }
    }

    /// The agent a spec names.
    ///
    /// - `random`; `greedy:initial=0,step_size=0.1`; `epsilon_greedy:epsilon=0.1,step_size=0.1,initial=0`
    /// - `decaying_epsilon:c=1,d=1`; `per_arm_epsilon:sigma=1,delta=0.1,initial_epsilon=1,step_size=0.1`
    /// - `explore_then_commit:m=10`; `ucb1:c=1.414`; `kl_ucb:c=0`
    /// - `thompson` (= `thompson:prior=beta,alpha=1,beta=1`) or
    ///   `thompson:prior=gaussian,prior_mean=0,prior_std=1,noise=1`
    /// - `sw_ucb:window=1000,c=0.775`; `d_ucb:gamma=0.99,c=1.549`; `linucb:alpha=1`
    /// - `neural:hidden=32,lr=0.01,selection=epsilon_greedy|per_arm_epsilon|thompson|ucb,epsilon=0.1`
    ///   and `recurrent:hidden=16,window=32,...` (see `NeuralAgent`, `RecurrentAgent`)
    /// - Throws: `BanditSpecError` naming the spec, the key, what was expected and what was given.
    public static func agent(parsing text: String) throws(BanditSpecError) -> any BanditAgent {
        let spec = try BanditSpec(parsing: text, kind: "agent")
        let positive = BanditSpec.positive
        switch spec.name {
        case "random":
            try spec.checkKeys([])
            return RandomAgent()
        case "greedy":
            try spec.checkKeys(["initial", "step_size"])
            return EpsilonGreedyAgent(
                epsilon: 0, stepSize: try spec.optionalDouble("step_size", in: positive...1),
                initial: try spec.double("initial", default: 0))
        case "epsilon_greedy":
            try spec.checkKeys(["epsilon", "step_size", "initial"])
            return EpsilonGreedyAgent(
                epsilon: try spec.double("epsilon", default: 0.1, in: 0...1, what: "a probability"),
                stepSize: try spec.optionalDouble("step_size", in: positive...1),
                initial: try spec.double("initial", default: 0))
        case "decaying_epsilon":
            try spec.checkKeys(["c", "d"])
            return DecayingEpsilonAgent(
                c: try spec.double("c", default: 1, in: positive...Double.infinity),
                d: try spec.double("d", default: 1, in: positive...1))
        case "per_arm_epsilon":
            try spec.checkKeys(["sigma", "delta", "initial_epsilon", "step_size"])
            return PerArmEpsilonAgent(
                sigma: try spec.double("sigma", default: 1, in: positive...Double.infinity),
                delta: try spec.optionalDouble("delta", in: positive...1),
                initialEpsilon: try spec.double("initial_epsilon", default: 1, in: 0...1, what: "a probability"),
                stepSize: try spec.optionalDouble("step_size", in: positive...1))
        case "explore_then_commit":
            try spec.checkKeys(["m"])
            return ExploreThenCommitAgent(m: try spec.int("m", default: 10, in: 1...Int.max))
        case "ucb1":
            try spec.checkKeys(["c"])
            return UCB1Agent(c: try spec.double("c", default: 2.0.squareRoot(), in: 0...Double.infinity))
        case "kl_ucb":
            try spec.checkKeys(["c"])
            return KLUCBAgent(c: try spec.double("c", default: 0, in: 0...Double.infinity))
        case "thompson":
            let prior = try spec.string("prior", default: "beta", allowed: ["beta", "gaussian"])
            if prior == "beta" {
                try spec.checkKeys(["prior", "alpha", "beta"])
                return BetaThompsonAgent(
                    alpha: try spec.double("alpha", default: 1, in: positive...Double.infinity),
                    beta: try spec.double("beta", default: 1, in: positive...Double.infinity))
            }
            try spec.checkKeys(["prior", "prior_mean", "prior_std", "noise"])
            return GaussianThompsonAgent(
                priorMean: try spec.double("prior_mean", default: 0),
                priorStd: try spec.double("prior_std", default: 1, in: positive...Double.infinity),
                noise: try spec.double("noise", default: 1, in: positive...Double.infinity))
        case "sw_ucb":
            try spec.checkKeys(["window", "c"])
            return SlidingWindowUCBAgent(
                window: try spec.int("window", default: 1_000, in: 1...100_000_000),
                c: try spec.double("c", default: 0.6.squareRoot(), in: 0...Double.infinity))
        case "d_ucb":
            try spec.checkKeys(["gamma", "c"])
            return DiscountedUCBAgent(
                gamma: try spec.double("gamma", default: 0.99, in: positive...1),
                c: try spec.double("c", default: 2 * 0.6.squareRoot(), in: 0...Double.infinity))
        case "linucb":
            try spec.checkKeys(["alpha"])
            return LinUCBAgent(alpha: try spec.double("alpha", default: 1, in: 0...Double.infinity))
        case "neural":
            return try NeuralAgent.make(parameters: spec.rawParameters)
        case "recurrent":
            return try RecurrentAgent.make(parameters: spec.rawParameters)
        default:
            throw .unknownName(kind: "agent", spec: spec.text, name: spec.name, known: agentNames)
        }
    }

    static let maxArms = 100_000
    static let maxDimension = 10_000

    static func armRewards(_ spec: BanditSpec, default kind: String) throws(BanditSpecError) -> ArmRewards {
        let name = try spec.string("rewards", default: kind, allowed: ["bernoulli", "gaussian"])
        if name == "bernoulli" {
            if spec.has("std") { throw .conflict(spec: spec.text, message: "std applies to rewards=gaussian only") }
            return .bernoulli
        }
        return .gaussian(std: try spec.double("std", default: 1, in: 0...Double.infinity, what: "a standard deviation"))
    }

    static func armsAndMeans(_ spec: BanditSpec, rewards: ArmRewards) throws(BanditSpecError) -> (Int, [Double]?) {
        let means = rewards == .bernoulli
            ? try spec.doubles("means", in: 0...1, what: "a probability") : try spec.doubles("means")
        if let means {
            if spec.has("arms") { throw .conflict(spec: spec.text, message: Message.meansOrArms) }
            return (means.count, means)
        }
        return (try spec.int("arms", default: 10, in: 1...maxArms), nil)
    }

    enum Message {
        static let meansOrArms = "give means=... or arms=K (random means), not both"
        static func stdsCount(_ stds: Int, _ means: Int) -> String {
            "stds needs one value or one per arm (\(means)), got \(stds)"
        }
    }
}
