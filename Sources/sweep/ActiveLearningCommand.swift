import ArgumentParser
import Foundation
import SweepActiveLearning
import SweepCore
import SweepCurves

/// `sweep al`: the active-learning lab (`sweep al run` is the default).
struct ActiveLearningCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "al",
        abstract: "The active-learning lab: run a strategy (the default), train a selection policy, or measure single points' influence.",
        subcommands: [ActiveLearningRun.self, TrainPolicyCommand.self, InfluenceCommand.self],
        defaultSubcommand: ActiveLearningRun.self)
}

struct ActiveLearningRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an active-learning strategy on a pool and print its learning curve.",
        discussion: """
            --data is a CSV file (a header row; the column named label, else the last, is the \
            class; features used as given) or a pool: \(SyntheticPool.Kind.allCases.map(\.rawValue).joined(separator: ", ")) \
            (e.g. moons:n=500,noise=0.2,flip=0.05 or blobs:classes=4,dims=5). The test set is a \
            stratified, seeded split; the initial labels are drawn at random from the rest. \
            Prints labels, median test accuracy and log-loss over the seeds after every round, \
            each with its band: the lowest and highest run (with few seeds a percentile band \
            would only interpolate between them; with one run the band is the value).
            --format text (a table with sparklines), json (one object: the medians as "accuracy" \
            and "loss", the bands as "accuracy_low", "accuracy_high", "loss_low", "loss_high", \
            every run's curve as "runs") or csv (long form, one row per run per round: \
            strategy,run,round,labels,accuracy,loss; round 0 is the initial fit; the median and \
            band are per-round median, min and max of these rows: \
            pandas.read_csv(f).groupby("round").accuracy.agg(["median", "min", "max"])).
            --trace N follows N test points (stratified: one of each class in turn, seeded; the \
            same rows for every model and strategy) and records their class probabilities after \
            every round: in --json as "traces" (every run's), in text as the first run's \
            probability of each point's true class over the rounds.
            Models: logreg[:C=1,max_iter=100,tol=1e-4,fit=warm] (fit=cold refits from zero over the \
            classes seen so far, as scikit-learn does), mlp[:hidden=32,alpha=1e-4,max_iter=200].
            Strategies: \(StrategySpec.names.joined(separator: ", ")) \
            (density:measure=entropy,beta=1; oracle:candidates=50,validation=300 is the upper \
            reference: it looks at true labels; policy:file=P uses a policy train-policy saved).
            """)

    @OptionGroup var lab: LabOptions
    @Option(parsing: .unconditional, help: "Independent runs (splits); the curve is their median.") var seeds = 3
    @Option(parsing: .unconditional, help: "Worker threads (default: one per core).") var threads: Int?
    @Option(parsing: .unconditional, help: "Test points whose class probabilities are traced over the rounds.") var trace = 0
    @Flag(help: "Print one JSON object instead of text (the same as --format json).") var json = false
    @Option(help: "text (a table with sparklines), json (one object) or csv (one row per run per round, for pandas).")
    var format: String?

    func validate() throws {
        if let format, !["text", "json", "csv"].contains(format) {
            throw ValidationError("--format must be text, json or csv, got '\(format)'")
        }
        if json, let format, format != "json" {
            throw ValidationError("--json and --format \(format) disagree; give one of them")
        }
    }

    func run() throws {
        let report: ActiveLearningReport
        do {
            var options = try lab.options()
            options.seeds = seeds
            options.trace = trace
            report = try ActiveLearningExperiment(options: options, threads: threads).run()
        } catch {
            throw SweepError.invalidArgument(error.description)
        }
        switch format ?? (json ? "json" : "text") {
        case "json": try Output.json(report)
        case "csv": FileHandle.standardOutput.write(Data(report.csv.utf8))
        default: Output.line(Self.text(report))
        }
    }

    /// The curve as a table with sparklines: per round the median and the band (lowest-highest
    /// run) of accuracy and of log-loss.
    static func text(_ r: ActiveLearningReport) -> String {
        func cell(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
        func band(_ low: Double, _ high: Double) -> String {
            formatNumber(low, significantDigits: 4) + "-" + formatNumber(high, significantDigits: 4)
        }
        var lines = [
            "\(r.strategy) on \(r.data) with \(r.model): \(r.runs.count) runs, \(r.initial) initial labels + \(r.rounds) rounds of \(r.batch), seed \(r.seed)",
            "labels  accuracy  runs min-max    log-loss  runs min-max",
        ]
        for i in r.labels.indices {
            lines.append(
                cell(String(r.labels[i]), 8) + cell(formatNumber(r.accuracy[i], significantDigits: 4), 10)
                    + cell(band(r.accuracyLow[i], r.accuracyHigh[i]), 16) + cell(formatNumber(r.loss[i], significantDigits: 4), 10)
                    + band(r.lossLow[i], r.lossHigh[i]))
        }
        lines.append("accuracy \(Sparkline.render(r.accuracy))   log-loss \(Sparkline.render(r.loss))")
        lines += traceLines(r.traces.filter { $0.run == 0 })
        lines.append("\(formatNumber(r.seconds, significantDigits: 3)) s; selection \(formatNumber(r.selectionSecondsPerRound, significantDigits: 3)) s a round")
        return lines.joined(separator: "\n")
    }

    /// One line per traced point: its row and class, and the probability of its true class
    /// after the initial fit, over the rounds (a sparkline scaled to its own range) and at the end.
    static func traceLines(_ traces: [ProbabilityTrace]) -> [String] {
        guard !traces.isEmpty else { return [] }
        let width = traces.map { "row \($0.row) class \($0.className)".count }.max() ?? 0
        return ["p(true class) of traced test points, run 0: first, rounds, last"]
            + traces.map { t in
                let p = t.trueClass
                return "row \(t.row) class \(t.className)".padding(toLength: width + 2, withPad: " ", startingAt: 0)
                    + formatNumber(p.first ?? .nan, significantDigits: 3).padding(toLength: 9, withPad: " ", startingAt: 0) + Sparkline.render(p) + " " + formatNumber(p.last ?? .nan, significantDigits: 3)
            }
    }
}

/// The options every `sweep al` subcommand that runs the lab shares.
struct LabOptions: ParsableArguments {
    @Option(help: "A CSV file or a pool spec such as moons:n=500.") var data: String
    @Option(help: "The classifier: logreg or mlp, with keys.") var model = "logreg"
    @Option(help: "The selection strategy, with keys.") var strategy = "margin"
    @Option(name: .customLong("test-fraction"), parsing: .unconditional, help: "Share of each class held out for testing.") var testFraction = 1.0 / 3
    @Option(parsing: .unconditional, help: "Labels at the start.") var initial = 10
    @Option(parsing: .unconditional, help: "Points labelled each round.") var batch = 10
    @Option(parsing: .unconditional, help: "Rounds after the initial fit.") var rounds = 20
    @Option(parsing: .unconditional, help: "The seed every run's randomness derives from.") var seed: UInt64 = 0

    /// The lab's options (one run; callers set `seeds`).
    func options() throws(ActiveLearningError) -> ActiveLearningOptions {
        var options = try ActiveLearningOptions(data: data, model: model, strategy: strategy)
        options.testFraction = testFraction
        options.initial = initial
        options.batch = batch
        options.rounds = rounds
        options.seed = seed
        return options
    }
}
