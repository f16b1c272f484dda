import ArgumentParser
import Foundation
import SweepActiveLearning
import SweepCore

struct InfluenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "influence",
        abstract: "Run one active-learning run, then refit without each labelled point and print what it changed.",
        discussion: """
            Run 0 of --seed. For every labelled point: the round that labelled it (0: initial), the \
            test log-loss without it minus with it (positive: the point helped) and the test \
            accuracy with it minus without it. Sorted from most helpful to most harmful.
            """)

    @OptionGroup var lab: LabOptions
    @Option(parsing: .unconditional, help: "Print only the N most helpful and N most harmful points (0: all).") var top = 10
    @Flag(help: "Print one JSON object instead of text.") var json = false

    struct Result: Encodable {
        var strategy: String
        var labels: Int
        var accuracy: Double
        var loss: Double
        var points: [PointInfluence]
    }

    func run() throws {
        let session: ActiveLearningSession
        let points: [PointInfluence]
        do {
            let options = try lab.options()
            var s = try ActiveLearningSession(data: try options.data.load(seed: options.seed), options: options, run: 0)
            for _ in 0..<options.rounds { s.step() }
            session = s
            points = s.influence().sorted { $0.lossChange > $1.lossChange }
        } catch {
            throw SweepError.invalidArgument(error.description)
        }
        let result = Result(
            strategy: lab.strategy, labels: session.labelled.count, accuracy: session.curve.accuracy.last ?? .nan,
            loss: session.curve.loss.last ?? .nan, points: points)
        if json {
            try Output.json(result)
            return
        }
        Output.line("\(lab.strategy): \(result.labels) labels, test accuracy \(formatNumber(result.accuracy, significantDigits: 4)), log-loss \(formatNumber(result.loss, significantDigits: 4))")
        Output.line("row     round  loss change  accuracy change")
        let shown = top > 0 && points.count > 2 * top ? Array(points.prefix(top)) + Array(points.suffix(top)) : points
        for (i, p) in shown.enumerated() {
            if top > 0, points.count > 2 * top, i == top { Output.line("...") }
            Output.line(
                String(p.row).padding(toLength: 8, withPad: " ", startingAt: 0) + String(p.round).padding(toLength: 7, withPad: " ", startingAt: 0)
                    + formatNumber(p.lossChange, significantDigits: 3).padding(toLength: 13, withPad: " ", startingAt: 0)
                    + formatNumber(p.accuracyChange, significantDigits: 3))
        }
    }
}
