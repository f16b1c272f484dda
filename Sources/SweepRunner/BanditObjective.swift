import Foundation
import SweepBandits
import SweepCore

/// The built-in `bandit` objective: a trial's parameters are a bandit agent's hyperparameters.
///
/// Study file options: `env` (an environment spec, e.g. `"bernoulli:arms=10"`), `agent` (an agent
/// name or spec, e.g. `"epsilon_greedy"` or `"epsilon_greedy:step_size=0.1"`; the trial's
/// parameters are added to it as `key=value`), `runs` (independent runs averaged, default 20) and
/// `window` (steps per report, default steps / 50). `steps` is the objective's `steps` (default
/// 1,000). Report k is the mean reward over steps [k·window, (k+1)·window) of all runs, under the
/// study's objective metric, with the mean cumulative regret at the window's end as `regret`.
/// The trial's seed seeds the runs. The runs are simulated first, then reported window by window,
/// so a pruned trial stops reporting but the simulation (milliseconds) has run.
public struct BanditObjective: Objective {
    public var environment: String
    public var agent: String
    public var steps: Int
    public var runs: Int
    public var window: Int
    public var metric: String

    public init(environment: String, agent: String, steps: Int, runs: Int, window: Int, metric: String) throws(SweepError) {
        _ = try Self.check { () throws(BanditSpecError) in try BanditSpecs.environment(parsing: environment) }
        guard steps >= 1, runs >= 1, window >= 1, window <= steps else {
            throw .invalidArgument(
                "the bandit objective needs steps >= 1, runs >= 1 and 1 <= window <= steps; got steps \(steps), runs \(runs), window \(window)")
        }
        self.environment = environment
        self.agent = agent
        self.steps = steps
        self.runs = runs
        self.window = window
        self.metric = metric
    }

    /// The agent spec for a trial: the configured agent with the trial's parameters added.
    public func agentSpec(_ params: [String: ParamValue]) -> String {
        let extra = params.keys.sorted().map { "\($0)=\(params[$0]!)" }
        guard !extra.isEmpty else { return agent }
        return agent + (agent.contains(":") ? "," : ":") + extra.joined(separator: ",")
    }

    public func evaluate(_ request: TrialRequest, reporter: TrialReporter) async throws -> TrialOutcome {
        let spec = agentSpec(request.params)
        let experiment = try Self.check { () throws(BanditExperimentError) in
            try BanditExperiment(steps: steps, runs: runs, seed: request.seed, threads: 1)
        }
        let report = try Self.check { () throws(BanditSpecError) in
            try experiment.run(environmentSpec: environment, agentSpec: spec)
        }
        var last = 0.0
        for k in 0..<(steps / window) {
            if reporter.isCancelled { return .failed("stopped by the user") }
            let slice = report.rewardCurve[(k * window)..<((k + 1) * window)]
            last = slice.reduce(0, +) / Double(window)
            let regret = report.regretCurve[(k + 1) * window - 1]
            if try await reporter.report(step: k, metrics: [metric: last, "regret": regret]) { return .pruned }
        }
        return .complete(last)
    }

    /// Runs `body`, turning a lab error into `SweepError.invalidArgument` with its message.
    private static func check<T, E: Error>(_ body: () throws(E) -> T) throws(SweepError) -> T {
        do {
            return try body()
        } catch {
            throw .invalidArgument("bandit objective: \(error)")
        }
    }
}
