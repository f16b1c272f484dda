import ArgumentParser
import SweepCore
import SweepWire

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report a trial's value at a step; prints `continue` or `prune`.",
        discussion: """
            When the answer is `prune`, the trial is recorded as pruned at once: stop it, nothing more \
            to tell. Extra metrics go with --metric NAME=VALUE.
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var studyOption: StudyOption
    @Option(parsing: .unconditional, help: "The trial's number.") var trial: Int
    @Option(parsing: .unconditional, help: "The step (>= 0).") var step: Int
    @Option(parsing: .unconditional, help: "The objective metric's value at this step.") var value: String?
    @Option(name: .customLong("metric"), help: "Another metric: NAME=VALUE (repeatable).") var metrics: [String] = []

    func validate() throws {
        try validateTrialNumber(trial)
        if value == nil && metrics.isEmpty {
            throw ValidationError("give --value V (the objective) and/or --metric NAME=VALUE")
        }
    }

    func run() async throws {
        let study = try await common.openStudy(studyOption.name)
        var values: [String: Double] = [:]
        for (name, v) in try parseAssignments(metrics, what: "metric") {
            values[name] = try parseNumber(v.description, what: "metric '\(name)'")
        }
        if let value { values[study.objective] = try parseNumber(value, what: "--value") }
        let prune = try await study.reportAndJudge(trial: trial, step: step, metrics: values)
        try printDecision(prune: prune, trial: trial, step: step, json: common.json)
    }
}

/// Prints a pruning answer.
func printDecision(prune: Bool, trial: Int, step: Int?, json: Bool) throws {
    if json {
        try Output.json(WireDecision(trial: trial, step: step, prune: prune))
    } else {
        Output.line(prune ? "prune" : "continue")
    }
}
