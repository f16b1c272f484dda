import Foundation
import SweepCore

/// `command:run=PROGRAM`: a judge that is any program, such as a language model behind a script.
///
/// At each checkpoint Sweep writes the brief (the trial beside the best completed trials, see
/// `JudgeBrief`) to the program's stdin and reads one JSON answer from its stdout:
/// `{"decision": "prune"|"continue", "reason": "...", "suggest": {params}}`. A program that
/// times out, fails or prints something else counts as `continue`, and the trial's log says
/// why. Reasons become notes on the trial (and its `prune_reason` when it is pruned); suggestions
/// are queued as new trials.
///
/// Spec keys: `run` (the shell command; last, it takes the rest of the spec, commas and all),
/// `timeout` (seconds, default 30), `with_best` (peers shown, default 3), `format` (`markdown`
/// or `json`, default markdown), `n_startup_trials` (default 0), `n_warmup_steps` (default 0),
/// `interval_steps` (default 10).
public struct CommandJudge: Judge {
    public let command: String
    public let timeout: Double
    public let withBest: Int
    let format: JudgeBrief.Format
    let checkpoints: JudgeCheckpoints
    /// Where the command runs (nil: the current directory).
    public var directory: String?

    public init(spec: Spec, directory: String? = nil) throws(SweepError) {
        let reader = try SpecReader(
            spec, allowed: ["run", "timeout", "with_best", "format"] + JudgeCheckpoints.specKeys)
        guard let run = reader.string("run"), !run.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidSpec(
                spec: spec.text, reason: "a command judge needs run=PROGRAM (last), e.g. command:timeout=20,run=python3 judge.py")
        }
        command = run
        timeout = try reader.double("timeout", default: 30, range: 0.001...86_400)
        withBest = try reader.int("with_best", default: 3, min: 0)
        let formatText = reader.string("format") ?? "markdown"
        guard let format = JudgeBrief.Format(rawValue: formatText) else {
            throw .invalidSpec(spec: spec.text, reason: "format must be markdown or json, got '\(formatText)'")
        }
        self.format = format
        checkpoints = try JudgeCheckpoints(reader, intervalDefault: 10)
        self.directory = directory
    }

    /// Runs the command on a thread of its own, so that waiting for it holds none of the threads
    /// tasks share.
    public func judge(_ trial: TrialProgress, in study: StudyIndex, desk: CheckpointDesk) async throws -> PruneDecision {
        let lent = LentIndex(study)
        return await onOwnThread { decide(trial, in: lent.index) }
    }

    public func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision {
        guard checkpoints.isCheckpoint(trial, completed: study.completedCount), let step = trial.lastStep else {
            return .keepGoing
        }
        let brief = JudgeBrief(trial: trial, study: study, withBest: withBest)
        let call = CommandCall(
            command: command, timeout: timeout, directory: directory,
            environment: ["SWEEP_STUDY": study.name, "SWEEP_TRIAL": String(trial.number), "SWEEP_STEP": String(step)])
        let result = call.run(input: brief.render(format))
        if let failure = result.failure {
            if result.couldNotStart {
                OnceWarning.say(
                    "judge:\(command)",
                    "the judge command `\(command)` could not run (\(failure)); every checkpoint counts as continue until it can")
            }
            return PruneDecision(prune: false, notes: ["judge at step \(step): counted as continue because \(failure)"])
        }
        return Self.decision(from: result.stdout, step: step)
    }

    /// The decision an answer gives; unreadable answers count as `continue`, with a note.
    static func decision(from output: String, step: Int) -> PruneDecision {
        do {
            let answer = try JudgeAnswer(parsing: output)
            let said = answer.prune ? "prune" : "continue"
            let note = "judge at step \(step): \(said)" + (answer.reason.map { " — \($0)" } ?? "")
            return PruneDecision(
                prune: answer.prune, reason: answer.prune ? (answer.reason ?? "the judge said prune at step \(step)") : nil,
                notes: [note], suggestions: answer.suggestions)
        } catch {
            return PruneDecision(prune: false, notes: ["judge at step \(step): counted as continue because \(error)"])
        }
    }
}
