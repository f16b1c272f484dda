import Foundation
import SweepCore
import SweepCurves

/// The built-in `curves` objective: plays back a curve dataset, trial `n` reporting record
/// `n mod count` step by step (a stand-in for real training when demonstrating or testing).
public struct CurvesObjective: Objective {
    public var records: [CurveRecord]
    public var metric: String

    public init(records: [CurveRecord], metric: String = "value") throws(SweepError) {
        guard !records.isEmpty else { throw .invalidArgument("the curves objective needs a dataset with at least one curve") }
        self.records = records
        self.metric = metric
    }

    public func evaluate(_ request: TrialRequest, reporter: TrialReporter) async throws -> TrialOutcome {
        let record = records[request.number % records.count]
        await reporter.record("curve_id", .string(record.id))
        for i in record.curve.indices {
            if reporter.isCancelled { return .failed("stopped by the user") }
            if try await reporter.report(step: record.step(at: i), metrics: [metric: record.curve[i]]) { return .pruned }
        }
        return .complete(record.final)
    }
}

/// Builds the objective a study file names.
public enum Objectives {
    public static let builtins = ["toy", "curves", "bandit", "active_learning"]

    /// - Parameter baseDirectory: the study file's folder; relative paths in the file start there.
    public static func make(_ file: StudyFile, baseDirectory: String, logDirectory: String?) throws -> any Objective {
        let once = try makeOnce(file, baseDirectory: baseDirectory, logDirectory: logDirectory)
        return file.repeats > 1 ? RepeatedObjective(base: once, repetitions: file.repeats) : once
    }

    /// The objective of one run of a trial.
    private static func makeOnce(_ file: StudyFile, baseDirectory: String, logDirectory: String?) throws -> any Objective {
        let o = file.objective
        func resolve(_ path: String) -> String {
            Paths.absolute(path.hasPrefix("/") ? path : (baseDirectory as NSString).appendingPathComponent(path))
        }
        switch o.builtin {
        case nil:
            return CommandObjective(
                command: o.command, workdir: resolve(o.workdir ?? "."), environment: o.environment, timeout: o.timeout,
                gracePeriod: o.gracePeriod, logDirectory: logDirectory, metric: file.config.objective)
        case "toy":
            let noise = try o.options["noise"].map { text throws(SweepError) -> Double in
                guard let v = Double(text), v >= 0 else { throw .invalidArgument("objective.options.noise must be a number >= 0, got '\(text)'") }
                return v
            } ?? 0.02
            return ToyObjective(space: file.config.space, steps: o.steps ?? 50, noise: noise, metric: file.config.objective)
        case "curves":
            guard let path = o.options["file"] else {
                throw SweepError.invalidArgument("the curves objective needs options.file = \"path/to/curves.jsonl\"")
            }
            return try CurvesObjective(records: try CurveDataset.read(path: resolve(path)), metric: file.config.objective)
        case "bandit":
            guard let env = o.options["env"], let agent = o.options["agent"] else {
                throw SweepError.invalidArgument(
                    "the bandit objective needs options.env (e.g. \"bernoulli:arms=10\") and options.agent (e.g. \"epsilon_greedy\")")
            }
            let steps = o.steps ?? 1_000
            func count(_ key: String, _ fallback: Int) throws(SweepError) -> Int {
                guard let text = o.options[key] else { return fallback }
                guard let v = Int(text), v >= 1 else {
                    throw .invalidArgument("objective.options.\(key) must be an integer >= 1, got '\(text)'")
                }
                return v
            }
            return try BanditObjective(
                environment: env, agent: agent, steps: steps, runs: try count("runs", 20),
                window: try count("window", max(1, steps / 50)), metric: file.config.objective)
        case "active_learning":
            return try ActiveLearningObjective.make(o.options, rounds: o.steps, resolve: resolve, metric: file.config.objective)
        case let name?:
            throw SweepError.invalidArgument("unknown builtin objective '\(name)'; expected one of: \(builtins.joined(separator: ", "))")
        }
    }
}
