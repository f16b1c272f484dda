import ArgumentParser
import Foundation
import SweepCore
import SweepRunner

/// `sweep reproduce N [--study S] [--worktree DIR]`: how to run trial N again.
struct Reproduce: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the exact command, parameters, seed, environment and git commit of a trial, as a shell line to paste.",
        discussion: """
            sweep run records, with every trial it starts, the command, its folder, the study file's \
            environment, the git commit and whether the tree was dirty; a dirty tree's diff (tracked \
            changes and untracked files that are not ignored, up to 1 MiB) is stored once per study. \
            The output is a shell script: comments (#) with what was recorded, then one line per \
            process (one per seed with repeats). With --worktree DIR, git worktree add --detach DIR \
            <commit> in the recorded repository, the recorded diff applied, and the line runs there.
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var studyOption: StudyOption
    // `.allUnrecognized` so that `sweep reproduce -1` reaches validate() instead of reading as an option.
    @Argument(parsing: .allUnrecognized, help: "The trial's number.") var trialText: [String] = []
    @Option(help: "Create a git worktree here at the trial's commit, with its uncommitted changes applied.") var worktree: String?

    var trial: Int { Int(trialText.first ?? "") ?? 0 }

    func validate() throws {
        guard trialText.count == 1, let number = Int(trialText[0]) else {
            throw ValidationError(
                trialText.isEmpty ? "give the trial's number, e.g. sweep reproduce 3" : "expected one trial number, got '\(trialText.joined(separator: " "))'")
        }
        try validateTrialNumber(number, what: "the trial number")
        if let worktree, worktree.isEmpty { throw ValidationError("--worktree needs a folder, e.g. --worktree ../trial-3") }
    }

    func run() async throws {
        let study = try await common.openStudy(studyOption.name, readOnly: true)
        let record = try await study.storage.trial(study: study.record.id, number: trial)
        var reproduction = try Reproduction(study: study.record, trial: record)
        var steps: [String] = []
        if let worktree {
            steps = try ReproductionWorktree.create(reproduction, at: worktree)
            reproduction = reproduction.relocated(to: URL(fileURLWithPath: worktree).standardizedFileURL.path)
        }
        if common.json {
            try Output.json(ReproductionView(reproduction, worktree: steps))
        } else {
            for line in Self.lines(reproduction, worktree: steps) { Output.line(line) }
        }
    }

    /// The shell script: what was recorded as comments, then the lines to run.
    static func lines(_ r: Reproduction, worktree: [String]) -> [String] {
        var lines = ["# trial \(r.trial) of study '\(r.study)': \(r.state.rawValue)\(r.value.map { ", value \(formatNumber($0))" } ?? "")"]
        lines += r.params.keys.sorted().map { "#   \($0) = \(r.params[$0]?.description ?? "")" }
        lines.append("# seed \(r.seed)\(r.runs.count > 1 ? " (\(r.runs.count) repeats, each with its own seed below)" : "")")
        if let commit = r.commit {
            lines.append("# git commit \(commit)\(r.repository.map { " in \($0)" } ?? "")\(r.dirty == true ? ", dirty" : ", clean")")
        }
        if case .stored(let diff) = r.changes {
            lines.append("# the dirty tree's diff \(diff.hash) (\(diff.bytes) bytes) is stored; --worktree DIR restores it")
        }
        if let host = r.host { lines.append("# ran on \(host)") }
        lines += worktree.map { "# \($0)" }
        lines += r.warnings.map { "# note: \($0)" }
        if r.command == nil {
            lines.append("# the trial ran a built-in objective, not a command: sweep run on its study file with these parameters repeats it")
        }
        return lines + r.shellLines
    }
}

/// What `sweep reproduce --json` prints.
struct ReproductionView: Encodable {
    struct Diff: Encodable {
        var stored: Bool
        var hash: String?
        var bytes: Int?
        var untracked: [String]?
        var leftOut: [String]?

        enum CodingKeys: String, CodingKey { case stored, hash, bytes, untracked, leftOut = "left_out" }
    }

    struct Run: Encodable {
        var repetition: Int?
        var seed: UInt64
        var environment: [String: String]
        /// Variables that were not recorded (secrets), taken from the user's environment.
        var inherited: [String]?
        var arguments: [String]
        var shell: String
    }

    var study: String
    var trial: Int
    var state: String
    var value: Double?
    var params: [String: ParamValue]
    var seed: UInt64
    var command: [String]?
    var directory: String?
    var repository: String?
    var commit: String?
    var dirty: Bool?
    var diff: Diff?
    var host: String?
    var runs: [Run]
    var worktree: [String]?
    var warnings: [String]

    init(_ r: Reproduction, worktree steps: [String]) {
        study = r.study
        trial = r.trial
        state = r.state.rawValue
        value = r.value
        params = r.params
        seed = r.seed
        command = r.command
        directory = r.directory
        repository = r.repository
        commit = r.commit
        dirty = r.dirty
        switch r.changes {
        case .none: diff = nil
        case .stored(let d): diff = Diff(stored: true, hash: d.hash, bytes: d.bytes, untracked: d.untracked, leftOut: d.leftOut)
        case .notStored(let hash, let bytes): diff = Diff(stored: false, hash: hash, bytes: bytes)
        }
        host = r.host
        let shell = r.shellLines
        runs = r.runs.enumerated().map { i, run in
            Run(
                repetition: run.repetition, seed: run.seed,
                environment: Dictionary(run.environment.filter { !$0.inherited }.map { ($0.name, $0.value) }, uniquingKeysWith: { _, new in new }),
                inherited: run.environment.contains(where: \.inherited) ? run.environment.filter(\.inherited).map(\.name) : nil,
                arguments: run.arguments, shell: i < shell.count ? shell[i] : "")
        }
        worktree = steps.isEmpty ? nil : steps
        warnings = r.warnings
    }
}
