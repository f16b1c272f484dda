import SweepCore

/// Runs each trial `repetitions` times at once, with different seeds, as one trial (a study
/// file's `repeats = N`): what RL practice does with a configuration before trusting it.
///
/// Repetition R gets the seed `SplitMix64.derive(trial seed, R)` and `request.repetition = R`
/// (a command sees `SWEEP_SEED` and `SWEEP_REPEAT`). Their reports are combined per step
/// (`RepeatCombiner`: the mean, its standard error as `metric[se]`, each repetition as
/// `metric[R]`), and the trial is judged on the mean. A prune stops every repetition; one that
/// fails fails the trial (the others are stopped); the trial completes when all do, its value
/// taken from the mean curve by the study's rule.
public struct RepeatedObjective: Objective {
    public var base: any Objective
    public var repetitions: Int

    public init(base: any Objective, repetitions: Int) {
        self.base = base
        self.repetitions = repetitions
    }

    /// What one repetition sends to the trial's task.
    private enum Event: Sendable {
        case reports(Int, [StepReport])
        case ended(Int, TrialOutcome)
    }

    public func evaluate(_ request: TrialRequest, reporter: TrialReporter) async throws -> TrialOutcome {
        let stop = Cancellation()
        let parentCancelled = reporter.cancellationCheck
        let (events, sink) = AsyncStream.makeStream(of: Event.self)
        let base = self.base
        return await withTaskGroup(of: Void.self) { group in
            for r in 0..<repetitions {
                var run = request
                run.seed = SplitMix64.derive(request.seed, UInt64(r))
                run.repetition = r
                group.addTask {
                    // Each repetition's reporter hands its steps to the trial's task and stops when told.
                    let own = TrialReporter(
                        { steps in
                            sink.yield(.reports(r, steps))
                            return stop.isCancelled
                        },
                        isCancelled: { stop.isCancelled || parentCancelled() })
                    let outcome: TrialOutcome
                    do {
                        outcome = try await base.evaluate(run, reporter: own)
                    } catch {
                        outcome = .failed("\(error)")
                    }
                    sink.yield(.ended(r, outcome))
                }
            }
            var combiner = RepeatCombiner(repetitions: repetitions)
            var verdict: TrialOutcome?
            var running = repetitions
            /// Reports combined steps; a prune or a failed report stops every repetition.
            func pass(_ steps: [StepReport]) async {
                guard verdict == nil, !steps.isEmpty else { return }
                do {
                    if try await reporter.report(steps) { verdict = .pruned }
                } catch {
                    verdict = .failed("reporting step \(steps.last?.step ?? 0) failed: \(error)")
                }
                if verdict != nil { stop.cancel() }
            }
            for await event in events {
                switch event {
                case .reports(let r, let steps):
                    await pass(combiner.add(steps, from: r))
                case .ended(let r, let outcome):
                    running -= 1
                    if verdict == nil, !stop.isCancelled, case .failed(let reason) = outcome {
                        verdict = .failed("repetition \(r) of \(repetitions): \(reason)")
                        stop.cancel()
                    }
                    await pass(combiner.end(r))
                    if running == 0 { sink.finish() }
                }
            }
            await pass(combiner.flush())
            if let verdict { return verdict }
            if parentCancelled() { return .failed("stopped by the user") }
            return .complete(nil)
        }
    }
}
