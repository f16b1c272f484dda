import Foundation
import SweepCore

/// How to run a trial again, from what `sweep run` recorded (`Provenance`): the command with the
/// trial's arguments, the folder, the environment the runner set, the seed, and the repository's
/// commit and dirty diff. One `Run` per seed repetition (one for a study without `repeats`).
///
/// The environment is the study file's variables (and `SWEEP_STORAGE`), then `SWEEP_PARAMS`,
/// `SWEEP_TRIAL`, `SWEEP_STUDY`, `SWEEP_SEED` and, with repeats, `SWEEP_REPEAT`, exactly as the
/// runner sets them. A script that reports with `sweep report` reaches the recorded storage and
/// trial, which is finished: such reports are refused, not mixed into the trial.
public struct Reproduction: Sendable, Hashable {
    /// One process of the trial: a seed repetition, or the trial itself.
    public struct Run: Sendable, Hashable {
        public var repetition: Int?
        public var seed: UInt64
        /// In the order the shell line sets them.
        public var environment: [Variable]
        /// The command and its arguments.
        public var arguments: [String]
    }

    /// An environment variable the runner set.
    public struct Variable: Sendable, Hashable {
        public var name: String
        /// Empty when `inherited`.
        public var value: String
        /// Withheld from the record (a secret): the line takes it from the user's environment.
        public var inherited = false
    }

    /// What is known of the tree's uncommitted changes.
    public enum Changes: Sendable, Hashable {
        /// The tree was clean (or its state was not recorded: see `dirty`).
        case none
        /// The diff is stored with the study.
        case stored(RecordedDiff)
        /// The diff was over the size limit (or git failed to make it): only its size and hash
        /// (when known) were recorded.
        case notStored(hash: String?, bytes: Int?)
    }

    public var study: String
    public var trial: Int
    public var state: TrialState
    public var value: Double?
    public var params: [String: ParamValue]
    /// The trial's seed (`SWEEP_SEED` without repeats).
    public var seed: UInt64
    /// The command as recorded; nil when the trial ran a built-in objective.
    public var command: [String]?
    /// The folder the command ran in.
    public var directory: String?
    public var repository: String?
    public var commit: String?
    /// nil when the repository was not recorded.
    public var dirty: Bool?
    public var changes: Changes
    public var host: String?
    public var runs: [Run]
    /// What could not be recovered exactly, for the user.
    public var warnings: [String]

    /// Reads trial `trial` of `study`'s provenance. Throws `invalidArgument` when the trial has
    /// none (it was not started by `sweep run`).
    public init(study: StudyRecord, trial: Trial) throws(SweepError) {
        guard case .object(let p)? = trial.systemAttributes["provenance"] else {
            throw .invalidArgument(
                "trial \(trial.number) of study '\(study.name)' has no recorded provenance: only trials that sweep run "
                    + "started have one (not ask/tell, enqueued-and-told or imported trials), so there is nothing to reproduce")
        }
        self.study = study.name
        self.trial = trial.number
        state = trial.state
        value = trial.value.flatMap { $0.isFinite ? $0 : nil }
        params = trial.params
        let seed = study.config.trialSeed(trial.number)
        self.seed = seed
        directory = p["directory"]?.stringValue
        repository = p["repository"]?.stringValue
        commit = p["git_commit"]?.stringValue
        if case .bool(let d)? = p["git_dirty"] { dirty = d }
        host = p["host"]?.stringValue
        warnings = []
        changes = Self.changes(p, study: study, dirty: dirty, commit: commit, warnings: &warnings)
        if case .array(let items)? = p["command_argv"] {
            command = items.compactMap(\.stringValue)
        } else if let line = p["command"]?.stringValue {
            command = line.split(separator: " ").map(String.init)
            warnings.append("this trial was recorded before sweep kept the command's exact arguments; it is split at spaces")
        }
        if command != nil, directory == nil {
            warnings.append("this trial was recorded before sweep kept the command's folder; run it from the study file's folder")
        }
        let base = command ?? []
        var fixed: [(String, String)] = []
        if case .object(let env)? = p["environment"] {
            fixed = env.keys.sorted().compactMap { key in env[key]?.stringValue.map { (key, $0) } }
        }
        let withheld: [String]
        if case .array(let names)? = p["environment_withheld"] { withheld = names.compactMap(\.stringValue) } else { withheld = [] }
        if !withheld.isEmpty {
            warnings.append("\(withheld.joined(separator: ", ")) looked like secrets and were not recorded: the line takes them from your environment")
        }
        let repeats = p["repeats"]?.doubleValue.flatMap { Int(exactly: $0) } ?? 1
        runs = (repeats > 1 ? (0..<repeats).map { Optional($0) } : [nil]).map { r in
            let runSeed = r.map { SplitMix64.derive(seed, UInt64($0)) } ?? seed
            var environment = fixed + [
                ("SWEEP_PARAMS", Self.json(trial.params)), ("SWEEP_TRIAL", String(trial.number)), ("SWEEP_STUDY", study.name),
                ("SWEEP_SEED", String(runSeed)),
            ]
            if let r { environment.append(("SWEEP_REPEAT", String(r))) }
            return Run(
                repetition: r, seed: runSeed,
                environment: withheld.map { Variable(name: $0, value: "", inherited: true) } + environment.map { Variable(name: $0.0, value: $0.1) },
                arguments: base + CommandObjective.arguments(for: trial.params))
        }
    }

    /// The same trial run in `worktree`, a checkout of `repository`: the folder moves with it.
    public func relocated(to worktree: String) -> Reproduction {
        var moved = self
        if let directory, let repository {
            if directory == repository {
                moved.directory = worktree
            } else if directory.hasPrefix(repository + "/") {
                moved.directory = worktree + directory.dropFirst(repository.count)
            } else {
                moved.warnings.append("the command ran in \(directory), outside the repository \(repository); it stays there")
            }
        }
        return moved
    }

    /// Each run as one line a shell runs: `cd DIR && NAME=value ... command --param value ...`.
    public var shellLines: [String] {
        guard command != nil else { return [] }
        return runs.map { run in
            let assignments = run.environment.map { $0.inherited ? "\($0.name)=\"$\($0.name)\"" : "\($0.name)=\(ShellQuote.word($0.value))" }
            let words = assignments + run.arguments.map(ShellQuote.word)
            return (directory.map { "cd \(ShellQuote.word($0)) && " } ?? "") + words.joined(separator: " ")
        }
    }

    private static func changes(
        _ p: [String: JSONValue], study: StudyRecord, dirty: Bool?, commit: String?, warnings: inout [String]
    ) -> Changes {
        guard dirty == true else { return .none }
        guard case .object(let d)? = p["git_diff"], let hash = d["hash"]?.stringValue else {
            warnings.append("the tree was dirty, but its diff was not recorded (the trial predates diffs, or git failed)")
            return .notStored(hash: nil, bytes: nil)
        }
        let bytes = d["bytes"]?.doubleValue.flatMap { Int(exactly: $0) }
        guard let attribute = study.systemAttributes[RecordedDiff.keyPrefix + hash], let diff = RecordedDiff(attribute: attribute) else {
            warnings.append(
                "the tree was dirty, but the study has no readable diff \(hash) (its attribute \(RecordedDiff.keyPrefix + hash) "
                    + "is missing or damaged): the commit alone cannot restore the tree exactly")
            return .notStored(hash: hash, bytes: bytes)
        }
        if diff.patch != nil {
            if !diff.leftOut.isEmpty {
                warnings.append(
                    "untracked files left out of the diff (over \(RecordedDiff.limit) bytes, or Sweep's own databases and logs): \(diff.leftOut.joined(separator: ", "))")
            }
            return .stored(diff)
        }
        warnings.append(
            "the tree was dirty and its diff (\(bytes.map { "\($0) bytes" } ?? "size unknown"), hash \(hash)) was over the "
                + "\(RecordedDiff.limit)-byte limit, so it was not stored: the commit alone cannot restore the tree exactly")
        return .notStored(hash: hash, bytes: bytes)
    }

    /// `SWEEP_PARAMS` as the runner writes it (`CommandObjective`): JSON with sorted keys.
    static func json(_ params: [String: ParamValue]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(params)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// Words for a POSIX shell: left bare when they hold only safe characters, else in single quotes.
enum ShellQuote {
    static func word(_ text: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-")
        if !text.isEmpty, text.allSatisfy({ safe.contains($0) }) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
