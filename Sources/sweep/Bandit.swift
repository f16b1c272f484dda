import ArgumentParser
import Foundation
import SweepBandits

struct BanditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bandit",
        abstract: "Run a bandit agent on an environment over many independent runs.",
        discussion: """
            Specs take the pruners' form NAME:key=value,...; lists are comma-separated: \
            --env bernoulli:means=0.1,0.5,0.9 --agent ucb1. Prints the mean regret ± sd, the \
            percentage of optimal actions and a sparkline of the reward curve.
            Environments: \(BanditSpecs.environmentNames.joined(separator: ", ")).
            Agents: \(BanditSpecs.agentNames.joined(separator: ", ")).
            """)

    @Option(help: "The environment spec, e.g. bernoulli:means=0.1,0.5,0.9 or gaussian:arms=10.") var env: String
    @Option(help: "The agent spec, e.g. epsilon_greedy:epsilon=0.1, ucb1, thompson, neural.") var agent: String
    @Option(parsing: .unconditional, help: "Steps per run.") var steps: Int = 1_000
    @Option(parsing: .unconditional, help: "Independent runs (spread over the cores).") var runs: Int = 100
    @Option(parsing: .unconditional, help: "The seed every run's randomness derives from.") var seed: UInt64 = 0
    @Option(parsing: .unconditional, help: "Worker threads (default: one per core).") var threads: Int?
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func run() throws {
        let experiment = try BanditExperiment(steps: steps, runs: runs, seed: seed, threads: threads)
        let report = try experiment.run(environmentSpec: env, agentSpec: agent)
        if json {
            try Output.json(report)
        } else {
            Output.line(report.summary())
        }
    }
}
