import ArgumentParser
import SweepCore
import SweepWire

struct Ask: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a trial and print its number and parameters.",
        discussion: "Parameters come from the study's space; --param or --search-space add to it for this ask.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var studyOption: StudyOption
    @Option(name: .customLong("param"), help: "An extra parameter for this ask (same form as in `sweep create`).")
    var params: [String] = []
    @Option(help: "Extra parameters for this ask as JSON (as `optuna ask --search-space`).") var searchSpace: String?
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Seconds without a report or `sweep heartbeat` after which a `sweep run` or `sweep worker` on the study may fail the trial as dead (default: never).",
            valueName: "seconds"))
    var heartbeatTimeout: Double?

    func validate() throws {
        if let heartbeatTimeout, !(heartbeatTimeout > 0 && heartbeatTimeout.isFinite) {
            throw ValidationError("--heartbeat-timeout must be a positive number of seconds, got \(heartbeatTimeout)")
        }
    }

    func run() async throws {
        let study = try await common.openStudy(studyOption.name)
        var space = study.record.config.space
        if let searchSpace {
            for p in try SearchSpace.fromJSON(searchSpace).parameters { space.set(p.name, p.distribution) }
        }
        for text in params {
            let p = try SearchSpace.parseParameter(text)
            space.set(p.name, p.distribution)
        }
        guard case .claimed(let trial) = try await study.claim(space: space, heartbeatTimeout: heartbeatTimeout) else {
            throw SweepError.storage("a claim without a target came back full")  // storages never do this
        }
        if common.json {
            try Output.json(WireAsk(number: trial.number, params: trial.params, seed: study.record.config.trialSeed(trial.number)))
        } else {
            let p = trial.params.keys.sorted().map { "\($0)=\(trial.params[$0]?.description ?? "")" }
            Output.line(([String(trial.number)] + p).joined(separator: " "))
        }
    }
}
