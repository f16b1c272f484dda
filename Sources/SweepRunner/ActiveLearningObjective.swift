import Foundation
import SweepActiveLearning
import SweepCore

/// The built-in `active_learning` objective: a trial runs the active-learning lab with its
/// parameters applied (`ActiveLearningOptions.applying`: a model key such as `C` or `hidden`,
/// a strategy key such as `beta` or `candidates`, or `strategy`, `model`, `batch`, `initial`).
///
/// Study file options: `data` (a CSV path, relative to the study file, or a pool such as
/// `"moons:n=500"`), `model` (default `logreg`), `strategy` (default `margin`), `initial`
/// (default 10), `batch` (default 10), `runs` (seeded runs per trial, default 3) and
/// `test_fraction` (default 1/3). `steps` is the number of rounds (default 20). After every
/// round the trial reports, at step = number of labels, the median over runs of the test
/// `accuracy` and `loss` (and the study's metric: `loss` when it is named so, else accuracy),
/// so a pruner stops a bad configuration after a few rounds. The trial's seed seeds the runs.
/// With more than one run, every round also reports the band over the runs
/// (`ActiveLearningReport.band`: the lowest and highest run) as `accuracy_low`, `accuracy_high`,
/// `loss_low` and `loss_high`, so the dashboard's metric chooser can draw them beside the
/// medians; they are reports only: the trial's value and what pruners see stay the medians.
///
/// `trace` (default 0) follows that many test points per run (`ProbabilityTrace.rows`: one of
/// each class in turn, seeded) and reports, beside accuracy and loss, `p_true_<k>` for k from 0:
/// the median over runs of the probability the model gives the true class of each run's k-th
/// traced point (the traced points take the classes in turn). The names are the same in every
/// trial, so the dashboard's metric chooser lists `trace` of them, not one per trial and row.
public struct ActiveLearningObjective: Objective {
    public var options: ActiveLearningOptions
    public var metric: String

    public init(options: ActiveLearningOptions, metric: String) throws(SweepError) {
        do {
            _ = try ActiveLearningExperiment(options: options)
        } catch {
            throw Self.sweepError(error)
        }
        self.options = options
        self.metric = metric
    }

    public func evaluate(_ request: TrialRequest, reporter: TrialReporter) async throws -> TrialOutcome {
        var sessions: [ActiveLearningSession]
        let rounds: Int
        do {
            var trial = try options.applying(request.params.mapValues(\.description))
            trial.seed = request.seed
            let data = try trial.data.load(seed: trial.seed)
            sessions = try (0..<trial.seeds).map { r throws(ActiveLearningError) in
                try ActiveLearningSession(data: data, options: trial, run: r)
            }
            rounds = trial.rounds
        } catch {
            throw Self.sweepError(error)
        }
        var last = 0.0
        for round in 0...rounds {
            if reporter.isCancelled { return .failed("stopped by the user") }
            if round > 0 { for r in sessions.indices { sessions[r].step() } }
            let accuracies = sessions.map { $0.curve.accuracy[round] }
            let losses = sessions.map { $0.curve.loss[round] }
            let accuracy = ActiveLearningReport.median(accuracies)
            let loss = ActiveLearningReport.median(losses)
            last = metric == "loss" ? loss : accuracy
            let labels = sessions[0].curve.labels[round]
            var metrics = ["accuracy": accuracy, "loss": loss]
            if sessions.count > 1 {
                (metrics["accuracy_low"], metrics["accuracy_high"]) = ActiveLearningReport.band(accuracies)
                (metrics["loss_low"], metrics["loss_high"]) = ActiveLearningReport.band(losses)
            }
            for k in sessions[0].curve.traces.indices {
                metrics["p_true_\(k)"] = ActiveLearningReport.median(sessions.map { $0.curve.traces[k].trueClass[round] })
            }
            metrics[metric] = last
            if try await reporter.report(step: labels, metrics: metrics) { return .pruned }
        }
        return .complete(last)
    }

    static func sweepError(_ error: ActiveLearningError) -> SweepError {
        .invalidArgument("active_learning objective: \(error)")
    }
}
