import ArgumentParser
import Foundation
import SweepBandits

struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Route a stream of labelled samples to learners with a bandit (data routing).",
        discussion: """
            Each sample goes to one of K learners; the reward is the change in that learner's \
            held-out accuracy after training on it. Prints the routing table (learner × class), the \
            mean reward and each learner's final accuracy. Uses a synthetic dataset unless --csv names \
            a file (last column the label unless --label-column says otherwise).
            """)

    @Option(help: "A CSV file of samples (default: a synthetic dataset).") var csv: String?
    @Option(parsing: .unconditional, help: "The 1-based label column of the CSV (default: the last).") var labelColumn: Int?
    @Option(help: "random, empirical, neural or recurrent.") var estimator: String = "neural"
    @Option(help: "epsilon_greedy, per_arm_epsilon, thompson or ucb.") var selection: String = "epsilon_greedy"
    @Option(parsing: .unconditional, help: "Exploration rate of epsilon_greedy and per_arm_epsilon.") var epsilon: Double = 0.1
    @Option(parsing: .unconditional, help: "Width of ucb's bonus and thompson's noise.") var c: Double = 1
    @Option(help: "specialists (learner k is scored on its own classes) or shared (on every class).") var scoring: String = "specialists"
    @Option(parsing: .unconditional, help: "Number of learners (arms).") var learners: Int = 4
    @Option(parsing: .unconditional, help: "Samples routed.") var samples: Int = 2_000
    @Option(parsing: .unconditional, help: "Held-out samples each learner is scored on.") var heldOut: Int = 400
    @Option(parsing: .unconditional, help: "The seed.") var seed: UInt64 = 0
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func validate() throws {
        guard RoutingEstimatorKind(rawValue: estimator) != nil else {
            throw ValidationError("--estimator must be one of \(RoutingEstimatorKind.allCases.map(\.rawValue).joined(separator: ", ")), got '\(estimator)'")
        }
        guard ["epsilon_greedy", "per_arm_epsilon", "thompson", "ucb"].contains(selection) else {
            throw ValidationError("--selection must be epsilon_greedy, per_arm_epsilon, thompson or ucb, got '\(selection)'")
        }
        guard RoutingOptions.Scoring(rawValue: scoring) != nil else {
            throw ValidationError("--scoring must be specialists or shared, got '\(scoring)'")
        }
        guard (0...1).contains(epsilon) else { throw ValidationError("--epsilon must be in [0, 1], got \(epsilon)") }
        guard c >= 0 else { throw ValidationError("--c must be 0 or more, got \(c)") }
        guard learners >= 2 else { throw ValidationError("--learners must be at least 2, got \(learners)") }
        guard samples >= 1, heldOut >= 1 else { throw ValidationError("--samples and --held-out must be at least 1") }
    }

    func run() throws {
        var options = RoutingOptions()
        if let csv { options.source = .csv(path: csv, labelColumn: labelColumn) }
        options.estimator = RoutingEstimatorKind(rawValue: estimator) ?? .neural
        switch selection {
        case "per_arm_epsilon": options.selection = .perArmEpsilon(epsilon: epsilon)
        case "thompson": options.selection = .thompson(scale: c)
        case "ucb": options.selection = .ucb(c: c)
        default: options.selection = .epsilonGreedy(epsilon: epsilon)
        }
        options.scoring = RoutingOptions.Scoring(rawValue: scoring) ?? .specialists
        options.learners = learners
        options.samples = samples
        options.heldOut = heldOut
        options.seed = seed
        let report = try DataRouting.run(options)
        if json {
            try Output.json(report)
        } else {
            Output.line(report.summary)
        }
    }
}
