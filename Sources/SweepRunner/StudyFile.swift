import Foundation
import SweepCore
import TOMLKit

/// A study file: everything `sweep run` needs to run a study.
///
/// ```toml
/// name = "toy"
/// direction = "maximize"
/// metric = "reward"                 # the objective metric the pruner judges (default "value")
/// value = "mean_last:10"            # a trial's value from that curve: last (default), mean_last:K, best, auc
/// trials = 30
/// workers = 2
/// repeats = 3                       # each trial runs 3 seeds at once, judged on their mean
/// seed = 1
/// sampler = "tpe"
/// pruner = "median:n_warmup_steps=5"
/// storage = "sqlite:sweep.db"
///
/// [objective]
/// command = ["python3", "train.py"]   # or: builtin = "noisy_quadratic"
/// steps = 50
///
/// [params]
/// lr = { type = "float", low = 1e-4, high = 1, log = true }
/// ```
///
/// Unknown keys and wrong types are errors naming the file, the line, the key and what was
/// expected.
public struct StudyFile: Sendable, Hashable {
    public var config: StudyConfig
    public var trials: Int
    public var workers: Int
    /// How many seed repetitions make one trial (`RepeatedObjective`); 1 runs each trial once.
    public var repeats: Int
    public var storage: String?
    public var heartbeatTimeout: Double
    public var objective: ObjectiveSpec

    /// How trials are evaluated.
    public struct ObjectiveSpec: Sendable, Hashable {
        /// A built-in objective's name, or nil for a command.
        public var builtin: String?
        public var command: [String]
        /// Steps each trial runs (built-ins), or nil to let the command decide.
        public var steps: Int?
        public var workdir: String?
        public var environment: [String: String]
        /// Seconds a trial may run; nil for no limit.
        public var timeout: Double?
        public var retries: Int
        /// Seconds between SIGTERM and SIGKILL when a trial is pruned or stopped.
        public var gracePeriod: Double
        /// Extra keys for the built-in objective (for example a curve file).
        public var options: [String: String]
    }

    static let topKeys = [
        "name", "direction", "metric", "value", "trials", "workers", "repeats", "seed", "sampler", "pruner", "storage",
        "heartbeat_timeout", "objective", "params",
    ]
    static let objectiveKeys = ["builtin", "command", "steps", "workdir", "env", "timeout", "retries", "grace_period", "options"]
    /// The keys of `[objective.options]` each built-in objective reads; a command takes none.
    static let optionKeys: [String: [String]] = [
        "toy": ["noise"], "curves": ["file"], "bandit": ["env", "agent", "runs", "window"],
        "active_learning": ["data", "model", "strategy", "initial", "batch", "runs", "test_fraction", "trace"],
    ]

    /// Reads and checks a study file.
    public static func read(path: String) throws(SweepError) -> StudyFile {
        try parse(try TOMLText.read(path: path, what: "study file"), source: path)
    }

    public static func parse(_ text: String, source: String) throws(SweepError) -> StudyFile {
        let table = try TOMLText.table(text, source: source)
        let r = TOMLReader(text: text, source: source)
        try r.rejectUnknown(in: table, allowed: topKeys, section: nil)
        let name = try r.string(table, "name", section: nil)
        guard let name, !name.isEmpty else { throw r.error("name", section: nil, "is required: the study's name") }
        let directionText = try r.string(table, "direction", section: nil) ?? "maximize"
        guard let direction = try? Direction(parsing: directionText) else {
            throw r.error("direction", section: nil, "must be \"maximize\" or \"minimize\", got \"\(directionText)\"")
        }
        let space = try table["params"].map { value throws(SweepError) -> SearchSpace in
            guard let params = value.table else { throw r.error("params", section: nil, "must be a table of parameters") }
            return try SearchSpaceFile.space(from: params, text: text, source: source)
        } ?? SearchSpace()
        let config = StudyConfig(
            name: name, direction: direction, objective: try r.string(table, "metric", section: nil) ?? "value",
            sampler: try r.spec(table, "sampler", default: "tpe"),
            pruner: try r.spec(table, "pruner", default: "median"),
            seed: UInt64(try r.int(table, "seed", section: nil, min: 0) ?? 0), space: space,
            value: try r.string(table, "value", section: nil).map { text throws(SweepError) in
                do {
                    return try TrialValue(parsing: text)
                } catch {
                    throw r.error("value", section: nil, "must be last, mean_last:K (K at least 1), best or auc, got \"\(text)\"")
                }
            } ?? .last)
        guard let objectiveTable = table["objective"]?.table else {
            throw r.error("objective", section: nil, "is required: an [objective] table with builtin = \"...\" or command = [...]")
        }
        return StudyFile(
            config: config, trials: try r.int(table, "trials", section: nil, min: 1) ?? 20,
            workers: try r.int(table, "workers", section: nil, min: 1) ?? 1,
            repeats: try repeats(table, r),
            storage: try r.string(table, "storage", section: nil),
            heartbeatTimeout: try r.double(table, "heartbeat_timeout", section: nil, min: 1) ?? 60,
            objective: try objectiveSpec(objectiveTable, r))
    }

    /// `repeats`: 1 to `maxRepeats` (each repetition runs at once, as a process of its own).
    private static func repeats(_ table: TOMLTable, _ r: TOMLReader) throws(SweepError) -> Int {
        let n = try r.int(table, "repeats", section: nil, min: 1) ?? 1
        guard n <= maxRepeats else {
            throw r.error("repeats", section: nil, "must be at most \(maxRepeats) (each repetition runs at once), got \(n)")
        }
        return n
    }

    static let maxRepeats = 1_000

    private static func objectiveSpec(_ t: TOMLTable, _ r: TOMLReader) throws(SweepError) -> ObjectiveSpec {
        let section = "objective"
        try r.rejectUnknown(in: t, allowed: objectiveKeys, section: section)
        let builtin = try r.string(t, "builtin", section: section)
        if let builtin, !Objectives.builtins.contains(builtin) {
            throw r.error("builtin", section: section, "must be one of \(Objectives.builtins.joined(separator: ", ")), got '\(builtin)'")
        }
        var command: [String] = []
        if let value = t["command"] {
            guard let array = value.array, !array.isEmpty, array.allSatisfy({ $0.string != nil }) else {
                throw r.error("command", section: section, "must be a non-empty array of strings, e.g. [\"python3\", \"train.py\"]")
            }
            command = array.compactMap(\.string)
        }
        if builtin == nil && command.isEmpty { throw r.error("objective", section: nil, "needs builtin = \"...\" or command = [...]") }
        if builtin != nil && !command.isEmpty { throw r.error("command", section: section, "cannot be given together with builtin") }
        var env: [String: String] = [:]
        if let value = t["env"] {
            guard let e = value.table else { throw r.error("env", section: section, "must be a table of strings") }
            for (k, v) in e {
                guard let s = v.string else { throw r.error("env", section: section, "value of \(k) must be a string") }
                env[k] = s
            }
        }
        var options: [String: String] = [:]
        if let value = t["options"] {
            guard let o = value.table else { throw r.error("options", section: section, "must be a table") }
            let allowed = builtin.flatMap { optionKeys[$0] } ?? []
            for (k, v) in o {
                guard allowed.contains(k) else {
                    let expected = allowed.isEmpty
                        ? "a command objective takes no options (pass settings to the command instead)"
                        : "the \(builtin ?? "") objective takes \(allowed.joined(separator: ", "))\(NameSuggestion.hint(for: k, in: allowed))"
                    throw r.error(k, section: "objective.options", "is not a known option; \(expected)")
                }
                guard let text = v.string ?? v.int.map(String.init) ?? v.double.map(formatNumber) ?? v.bool.map({ "\($0)" }) else {
                    throw r.error(k, section: "objective.options", "must be a string, number or boolean, got \(v.type)")
                }
                options[k] = text
            }
        }
        return ObjectiveSpec(
            builtin: builtin, command: command, steps: try r.int(t, "steps", section: section, min: 1),
            workdir: try r.string(t, "workdir", section: section), environment: env,
            timeout: try r.double(t, "timeout", section: section, min: 0),
            retries: try r.int(t, "retries", section: section, min: 0) ?? 0,
            gracePeriod: try r.double(t, "grace_period", section: section, min: 0) ?? 5, options: options)
    }
}

/// Typed access to TOML keys with errors that name the file, line and key.
struct TOMLReader {
    let text: String
    let source: String

    func error(_ key: String, section: String?, _ what: String) -> SweepError {
        let line = SearchSpaceFile.lineNumber(of: key, in: text).map { ":\($0)" } ?? ""
        let full = section.map { "\($0).\(key)" } ?? key
        return .invalidArgument("\(source)\(line): '\(full)' \(what)")
    }

    func rejectUnknown(in table: TOMLTable, allowed: [String], section: String?) throws(SweepError) {
        for (key, _) in table where !allowed.contains(key) {
            throw error(
                key, section: section,
                "is not a known key; expected one of: \(allowed.joined(separator: ", "))\(NameSuggestion.hint(for: key, in: allowed))")
        }
    }

    func string(_ t: TOMLTable, _ key: String, section: String?) throws(SweepError) -> String? {
        guard let v = t[key] else { return nil }
        guard let s = v.string else { throw error(key, section: section, "must be a string, got \(v.type)") }
        return s
    }

    /// A top-level component spec (`sampler`, `pruner`), checked against the spec grammar and
    /// stored as its trimmed text, so `" median"` and `"median"` are the same spec.
    func spec(_ t: TOMLTable, _ key: String, default fallback: String) throws(SweepError) -> String {
        guard let text = try string(t, key, section: nil) else { return fallback }
        do {
            return try Spec(parsing: text).text
        } catch {
            throw self.error(key, section: nil, "is not a valid spec: \(error.description)")
        }
    }

    func int(_ t: TOMLTable, _ key: String, section: String?, min: Int) throws(SweepError) -> Int? {
        guard let v = t[key] else { return nil }
        guard let i = v.int else { throw error(key, section: section, "must be an integer, got \(v.type)") }
        guard i >= min else { throw error(key, section: section, "must be >= \(min), got \(i)") }
        return i
    }

    func double(_ t: TOMLTable, _ key: String, section: String?, min: Double) throws(SweepError) -> Double? {
        guard let v = t[key] else { return nil }
        guard let d = v.double ?? v.int.map(Double.init) else { throw error(key, section: section, "must be a number, got \(v.type)") }
        guard d >= min else { throw error(key, section: section, "must be >= \(min), got \(d)") }
        return d
    }
}
