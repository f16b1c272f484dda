import Foundation
import SweepML
import SweepSupport

/// The random configuration of one generated curve: arms, rewards, agent, runs, smoothing.
struct CurveConfiguration {
    var rewards: ArmRewards
    var means: [Double]
    var stds: [Double] = [1]
    var environmentSpec: String
    var agentName: String
    var agentSpec: String
    var hyperparameters: [String: Double]
    var agent: any BanditAgent
    var runs: Int
    var smoothingWindow: Int

    init(steps: Int, using rng: inout RandomGenerator) {
        let arms = 2 + rng.nextInt(below: 49)
        let bernoulli = rng.nextUnit() < 0.6
        var means = [Double](repeating: 0, count: arms)
        let shape = rng.nextInt(below: 3)
        if bernoulli {
            rewards = .bernoulli
            let centre = 0.1 + 0.8 * rng.nextUnit()
            let width = Self.logUniform(0.02, 0.5, &rng)
            for a in 0..<arms {
                switch shape {
                case 0: means[a] = rng.nextUnit()
                default: means[a] = centre + width * (rng.nextUnit() - 0.5)
                }
            }
            if shape == 2 { means[rng.nextInt(below: arms)] += Self.logUniform(0.02, 0.4, &rng) }
            means = means.map { Self.round(min(1, max(0, $0)), digits: 3) }
            environmentSpec = "bernoulli:means=" + Self.list(means)
        } else {
            let scale = Self.logUniform(0.05, 2, &rng)
            for a in 0..<arms { means[a] = scale * rng.nextNormal() }
            if shape == 2 { means[rng.nextInt(below: arms)] += scale * Self.logUniform(0.5, 3, &rng) }
            means = means.map { Self.round($0, digits: 3) }
            let std = Self.round(Self.logUniform(0.05, 3, &rng), digits: 3)
            if shape == 1 {
                stds = (0..<arms).map { _ in Self.round(std * (0.5 + rng.nextUnit()), digits: 3) }
            } else {
                stds = [std]
            }
            rewards = .gaussian(std: std)
            environmentSpec = "gaussian:means=" + Self.list(means) + ",stds=" + Self.list(stds)
        }
        self.means = means

        let choice = Self.agentChoice(arms: arms, steps: steps, bernoulli: bernoulli, stds: stds, means: means, using: &rng)
        agentName = choice.name
        hyperparameters = choice.parameters
        let items = choice.prefix + choice.order.map { "\($0)=\(Self.text(choice.parameters[$0] ?? 0))" }
        agentSpec = items.isEmpty ? choice.name : choice.name + ":" + items.joined(separator: ",")
        // Every spec built here is valid by construction.
        agent = (try? BanditSpecs.agent(parsing: agentSpec)) ?? RandomAgent()

        runs = rng.nextUnit() < 0.6 ? 1 : 2 + rng.nextInt(below: 3)
        smoothingWindow = rng.nextUnit() < 0.5 ? 1 : Int(Self.logUniform(2, 101, &rng))
    }

    /// An agent name with hyperparameters (in spec order).
    struct AgentChoice {
        var name: String
        var parameters: [String: Double] = [:]
        var order: [String] = []
        /// Non-numeric key=value items written first.
        var prefix: [String] = []

        mutating func set(_ key: String, _ value: Double) {
            parameters[key] = value
            order.append(key)
        }
    }

    static func agentChoice(
        arms: Int, steps: Int, bernoulli: Bool, stds: [Double], means: [Double], using rng: inout RandomGenerator
    ) -> AgentChoice {
        let names = [
            "random", "greedy", "epsilon_greedy", "epsilon_greedy", "decaying_epsilon", "per_arm_epsilon",
            "explore_then_commit", "ucb1", "ucb1", "kl_ucb", "thompson", "thompson", "sw_ucb", "d_ucb",
        ]
        var name = names[rng.nextInt(below: names.count)]
        if name == "kl_ucb" && !bernoulli { name = "ucb1" }
        var choice = AgentChoice(name: name)
        let top = means.max() ?? 1
        switch name {
        case "greedy":
            if rng.nextUnit() < 0.3 { choice.set("initial", round(top + logUniform(0.1, 2, &rng), digits: 3)) }
        case "epsilon_greedy":
            choice.set("epsilon", round(logUniform(0.001, 0.5, &rng), digits: 4))
            if rng.nextUnit() < 0.3 { choice.set("step_size", round(logUniform(0.01, 0.5, &rng), digits: 4)) }
            if rng.nextUnit() < 0.2 { choice.set("initial", round(top + logUniform(0.1, 2, &rng), digits: 3)) }
        case "decaying_epsilon":
            choice.set("c", round(logUniform(0.1, 10, &rng), digits: 3))
            choice.set("d", round(0.05 + 0.95 * rng.nextUnit(), digits: 3))
        case "per_arm_epsilon":
            choice.set("sigma", round(logUniform(0.01, 10, &rng), digits: 4))
            if rng.nextUnit() < 0.3 { choice.set("step_size", round(logUniform(0.01, 0.5, &rng), digits: 4)) }
        case "explore_then_commit":
            let most = max(1, min(100, steps / (2 * arms)))
            choice.set("m", Double(1 + rng.nextInt(below: most)))
        case "ucb1":
            choice.set("c", round(logUniform(0.05, 4, &rng), digits: 4))
        case "kl_ucb":
            choice.set("c", rng.nextUnit() < 0.5 ? 0 : round(3 * rng.nextUnit(), digits: 3))
        case "thompson":
            if bernoulli {
                choice.set("alpha", round(logUniform(0.3, 5, &rng), digits: 3))
                choice.set("beta", round(logUniform(0.3, 5, &rng), digits: 3))
            } else {
                let noise = (stds.reduce(0, +) / Double(stds.count)) * logUniform(0.5, 2, &rng)
                choice.prefix = ["prior=gaussian"]
                choice.set("prior_std", round(logUniform(0.1, 3, &rng), digits: 3))
                choice.set("noise", round(max(0.001, noise), digits: 3))
            }
        case "sw_ucb":
            choice.set("window", Double(Int(logUniform(20, Double(max(21, steps)), &rng))))
            choice.set("c", round(logUniform(0.1, 2, &rng), digits: 4))
        case "d_ucb":
            choice.set("gamma", round(1 - pow(10, -1 - 3 * rng.nextUnit()), digits: 5))
            choice.set("c", round(logUniform(0.1, 2, &rng), digits: 4))
        default:
            break
        }
        return choice
    }

    static func logUniform(_ low: Double, _ high: Double, _ rng: inout RandomGenerator) -> Double {
        low * pow(high / low, rng.nextUnit())
    }

    static func round(_ value: Double, digits: Int) -> Double {
        let scale = pow(10, Double(digits))
        return (value * scale).rounded() / scale
    }

    /// Numbers as spec text: integers without ".0", others as Swift prints them (round-trips).
    static func text(_ value: Double) -> String { formatNumber(value) }

    static func list(_ values: [Double]) -> String { values.map(text).joined(separator: ",") }
}
