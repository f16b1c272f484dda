import ArgumentParser
import SweepCore
import SweepRunner
import SweepWire

struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a study.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "The study's name.") var name: String
    @Option(help: "maximize or minimize.") var direction: String = "maximize"
    @Option(help: "The metric the pruner judges and trials are ranked by.") var objective: String = "value"
    @Option(help: "A trial's value from its objective curve: last, mean_last:K, best or auc.")
    var value: String = "last"
    @Option(help: "Sampler spec: random, grid, tpe, evolve (e.g. tpe:multivariate=true).") var sampler: String = "tpe"
    @Option(help: "Pruner spec, e.g. median, median:n_warmup_steps=5, hyperband:reduction_factor=3.")
    var pruner: String = "median"
    @Option(parsing: .unconditional, help: "Seed every random choice flows from.") var seed: UInt64 = 0
    @Option(name: .customLong("param"), help: "A parameter: NAME=float:LOW:HIGH[:log|:step=S], NAME=int:LOW:HIGH, NAME=cat:A,B.")
    var params: [String] = []
    @Option(help: "A TOML file with a [params] table.") var spaceFile: String?
    @Option(help: "The space as JSON: {\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}} (Optuna's form works too).")
    var searchSpace: String?
    @Flag(help: "Succeed without change when the study exists.") var skipIfExists = false

    func validate() throws {
        try validateStudyName(name)
    }

    func run() async throws {
        var space = SearchSpace()
        if let spaceFile { space = try SearchSpaceFile.read(path: spaceFile) }
        if let searchSpace {
            for p in try SearchSpace.fromJSON(searchSpace).parameters { space.set(p.name, p.distribution) }
        }
        for text in params {
            let p = try SearchSpace.parseParameter(text)
            space.set(p.name, p.distribution)
        }
        let config = StudyConfig(
            name: name, direction: try Direction(parsing: direction), objective: objective, sampler: sampler,
            pruner: pruner, seed: seed, space: space, value: try TrialValue(parsing: value))
        let storage = try common.openStorage(existing: false)
        let study: Study
        do {
            study = try await StudyOpener.create(config, storage: storage)
        } catch SweepError.duplicateStudy(let existing) where skipIfExists {
            study = try await StudyOpener.open(named: existing, storage: storage)
        }
        if common.json {
            try Output.json(WireStudy(study.record))
        } else {
            Output.line("study '\(study.name)' (\(study.direction.rawValue) \(study.objective), value \(study.record.config.value), sampler \(study.record.config.sampler), pruner \(study.record.config.pruner), \(study.record.config.space.parameters.count) parameters)")
        }
    }
}
