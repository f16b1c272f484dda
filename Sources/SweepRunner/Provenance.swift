import Foundation
import SweepCore

/// Where a run's trials ran, taken once when `sweep run` starts and stored with every trial it
/// starts (the system attribute `provenance`):
/// - `host`, `pid`, `sweep_command` (the command line of the run);
/// - for an external command: `command` (as one line, for people), `command_argv` (the exact
///   arguments), `directory` (the absolute folder it runs in), `environment` (the variables the
///   study file adds, and `SWEEP_STORAGE`, without secrets: see `RecordedEnvironment`;
///   `environment_withheld` names those left out), and `repeats` when a trial is several seeds;
/// - `repository`, `git_commit` and `git_dirty` of the git repository that folder is in (the
///   study file's folder for a built-in objective), and for a dirty tree `git_diff` (the patch's
///   hash, size, and whether it is stored; see `RecordedDiff`, stored once on the study).
///
/// The per-trial variables (`SWEEP_PARAMS`, `SWEEP_TRIAL`, `SWEEP_STUDY`, `SWEEP_SEED`,
/// `SWEEP_REPEAT`) follow from the trial and the study's seed, so they are not stored:
/// `Reproduction` makes them again.
struct Provenance: Sendable {
    /// The trials' `provenance` attribute.
    var attribute: JSONValue
    /// The dirty tree's diff, to store on the study before the trials that name it.
    var diff: RecordedDiff?

    /// Looks at the objective and the repository it runs in.
    static func capture(objective: any Objective, baseDirectory: String, limit: Int = RecordedDiff.limit) -> Provenance {
        var o: [String: JSONValue] = [
            "host": .string(ProcessInfo.processInfo.hostName),
            "sweep_command": .string(CommandLine.arguments.joined(separator: " ")),
            "pid": .number(Double(ProcessInfo.processInfo.processIdentifier)),
        ]
        var base = objective
        if let repeated = objective as? RepeatedObjective {
            base = repeated.base
            o["repeats"] = .number(Double(repeated.repetitions))
        }
        var directory = Paths.absolute(baseDirectory)
        if let command = base as? CommandObjective {
            o["command"] = .string(command.command.joined(separator: " "))
            o["command_argv"] = .array(command.command.map(JSONValue.string))
            let environment = RecordedEnvironment.split(command.environment)
            o["environment"] = .object(environment.kept.mapValues(JSONValue.string))
            if !environment.withheld.isEmpty { o["environment_withheld"] = .array(environment.withheld.map(JSONValue.string)) }
            directory = Paths.absolute(command.workdir ?? baseDirectory)
            o["directory"] = .string(directory)
            // Where the trials' logs are (`N.log`, `N.R.log` with repeats), for `sweep serve`'s trial page.
            if let logs = command.logDirectory { o["log_directory"] = .string(Paths.absolute(logs)) }
        }
        var diff: RecordedDiff?
        if let git = GitSnapshot.take(in: directory, limit: limit) {
            o["repository"] = .string(git.repository)
            o["git_commit"] = .string(git.commit)
            o["git_dirty"] = .bool(git.dirty)
            diff = git.diff
            if let diff { o["git_diff"] = diff.summary }
        }
        return Provenance(attribute: .object(o), diff: diff)
    }

    /// Stores the diff on the study (once per content: a study that has it already is left
    /// alone) and returns the trials' attribute.
    func recorded(in storage: any Storage, study: StudyRecord) async throws -> JSONValue {
        if let diff, study.systemAttributes[diff.key] == nil {
            try await storage.setStudyAttribute(study: study.id, key: diff.key, value: diff.attribute, system: true)
        }
        return attribute
    }
}
