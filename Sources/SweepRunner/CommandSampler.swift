import Foundation
import SweepCore

/// `command:run=PROGRAM`: a sampler that is any program. For each new trial Sweep writes the
/// study's history as JSON to the program's stdin (the space, in Optuna's distribution form, and
/// every finished trial's parameters, state and value) and reads one JSON object of parameters,
/// either bare or as `{"params": {...}}`.
///
/// Parameters the program leaves out, or gives outside their distribution, come from the
/// `fallback` sampler (default `random`); so does everything when the program fails, times out
/// or prints something else. Each such case is reported on stderr.
///
/// Spec keys: `run` (last; the shell command), `timeout` (seconds, default 60), `fallback`
/// (a sampler name, default random).
public struct CommandSampler: Sampler {
    public let command: String
    public let timeout: Double
    let fallback: any Sampler
    public var directory: String?
    /// Where problems are reported (stderr by default).
    let report: @Sendable (String) -> Void

    public init(
        spec: Spec, fallback: (String) throws(SweepError) -> any Sampler, directory: String? = nil,
        report: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(("sweep: " + $0 + "\n").utf8)) }
    ) throws(SweepError) {
        let reader = try SpecReader(spec, allowed: ["run", "timeout", "fallback"])
        guard let run = reader.string("run"), !run.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidSpec(spec: spec.text, reason: "a command sampler needs run=PROGRAM (last), e.g. command:run=python3 propose.py")
        }
        command = run
        timeout = try reader.double("timeout", default: 60, range: 0.001...86_400)
        let fallbackName = reader.string("fallback") ?? "random"
        guard fallbackName != "command" else {
            throw .invalidSpec(spec: spec.text, reason: "fallback must be a built-in sampler such as random or tpe")
        }
        self.fallback = try fallback(fallbackName)
        self.directory = directory
        self.report = report
    }

    /// True: the program may take up to `timeout` seconds, so the study claims the trial first and
    /// runs the program outside the storage's transaction.
    public var samplesOutsideClaim: Bool { true }

    public func sample(_ space: SearchSpace, trialNumber: Int, seed: UInt64, study: StudyIndex) throws -> [String: ParamValue] {
        let call = CommandCall(
            command: command, timeout: timeout, directory: directory,
            environment: ["SWEEP_STUDY": study.name, "SWEEP_TRIAL": String(trialNumber)])
        let result = call.run(input: Self.history(space, trialNumber: trialNumber, study: study))
        var proposed: [String: ParamValue] = [:]
        if let failure = result.failure {
            report("command sampler, trial \(trialNumber): \(failure); sampling with the fallback")
        } else {
            do {
                var object = try JudgeAnswer.object(in: result.stdout)
                if case .object(let inner)? = object["params"] { object = inner }
                proposed = try JudgeAnswer.params(object)
            } catch {
                report("command sampler, trial \(trialNumber): \(error); sampling with the fallback")
            }
        }
        var params: [String: ParamValue] = [:]
        var missing: [SearchSpace.Parameter] = []
        for p in space.parameters {
            if let value = proposed[p.name], let inside = p.distribution.toInternal(value) {
                params[p.name] = p.distribution.toExternal(inside)
            } else {
                if let value = proposed[p.name] {
                    report("command sampler, trial \(trialNumber): \(p.name)=\(value) is outside \(p.distribution); sampled instead")
                }
                missing.append(p)
            }
        }
        let unknown = proposed.keys.filter { space[$0] == nil }.sorted()
        if !unknown.isEmpty {
            report("command sampler, trial \(trialNumber): ignored parameters the space does not have: \(unknown.joined(separator: ", "))")
        }
        if !missing.isEmpty {
            let drawn = try fallback.sample(SearchSpace(missing), trialNumber: trialNumber, seed: seed, study: study)
            params.merge(drawn) { mine, _ in mine }
        }
        return params
    }

    /// The JSON document the program reads.
    static func history(_ space: SearchSpace, trialNumber: Int, study: StudyIndex) -> String {
        struct Past: Encodable {
            var number: Int
            var state: String
            var params: [String: ParamValue]
            var value: Double?
        }
        struct History: Encodable {
            var study: String
            var direction: String
            var objective: String
            var trial: Int
            var space: [String: Distribution]
            var trials: [Past]
            var answer_format: String
        }
        let history = History(
            study: study.name, direction: study.direction.rawValue, objective: study.objective, trial: trialNumber,
            space: space.distributions,
            trials: study.finished.map {
                Past(number: $0.number, state: $0.state.rawValue, params: $0.params, value: $0.value.flatMap { $0.isFinite ? $0 : nil })
            },
            answer_format: #"{"params": {"name": value, ...}} with a value for each parameter of "space""#)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(history)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }
}
