import Foundation

#if canImport(Glibc)
    import Glibc
#endif
import SweepCore
import SweepPruners
import SweepRunner
import SweepSQLite

/// `sweep-bench runner-overhead [--trials N] [--storage memory|sqlite]`: Sweep's own cost per trial
/// of an external command that does nothing but print one metric line, beyond starting that process.
///
/// Prints the median time to start and wait for the bare process (`baseline_ms`), the median time
/// per trial through `LocalRunner` with one worker (`trial_ms`) and their difference
/// (`overhead_ms`).
func runnerOverhead(arguments: [String]) async throws {
    let trials = Int(benchOption("--trials", in: arguments) ?? "") ?? 200
    let storageKind = benchOption("--storage", in: arguments) ?? "sqlite"
    let command = ["/bin/echo", "{\"value\": 1}"]

    // The process start itself: posix_spawn, read its stdout to the end, wait.
    var baseline: [Double] = []
    let words = command
    for _ in 0..<trials {
        let start = ContinuousClock.now
        var fds: [Int32] = [0, 0]
        _ = pipe(&fds)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        var pid: pid_t = 0
        posix_spawn(&pid, words[0], &actions, nil, argv, environ)
        close(fds[1])
        var buffer = [UInt8](repeating: 0, count: 4096)
        while read(fds[0], &buffer, buffer.count) > 0 {}
        close(fds[0])
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        posix_spawn_file_actions_destroy(&actions)
        for p in argv { free(p) }
        baseline.append(benchMilliseconds(ContinuousClock.now - start))
    }

    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let storage: any Storage =
        storageKind == "memory" ? InMemoryStorage() : try SQLiteStorage(path: dir.appendingPathComponent("b.db").path)
    var file = try StudyFile.parse(
        """
        name = "overhead"
        trials = \(trials)
        sampler = "random"
        pruner = "median"
        [objective]
        command = ["/bin/echo"]
        """, source: "bench")
    file.objective.command = command
    let objective = CommandObjective(command: command)
    let start = ContinuousClock.now
    _ = try await LocalRunner(file: file, storage: storage, objective: objective, workers: 1).run()
    let perTrial = benchMilliseconds(ContinuousClock.now - start) / Double(trials)
    let base = benchMedian(baseline)
    emitJSON([
        "benchmark": "runner-overhead", "storage": storageKind, "trials": Double(trials), "baseline_ms": base,
        "trial_ms": perTrial, "overhead_ms": perTrial - base,
    ])
}

/// `sweep-bench metric-lines [--lines N]`: metric lines per second ingested from one trial's
/// stdout (parsed, reported to the study and judged by the median pruner, in memory).
func metricLines(arguments: [String]) async throws {
    let lines = Int(benchOption("--lines", in: arguments) ?? "") ?? 1_000_000
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("lines.jsonl").path
    var text = ""
    text.reserveCapacity(lines * 48)
    for i in 0..<lines { text += "{\"step\": \(i), \"value\": \(Double(i % 1000) / 1000), \"loss\": 0.5}\n" }
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let study = try await Study.create(
        StudyConfig(name: "lines", sampler: "none", pruner: "median"), storage: InMemoryStorage(), sampler: NoSampler(),
        pruner: try Pruners.make(parsing: "median"))
    let trial = try await study.ask()
    var reported = 0
    let reporter = TrialReporter { steps in
        try await study.report(trial: trial.number, steps: steps)
        reported += steps.count
        return try await study.shouldPrune(trial: trial.number).prune
    }
    let objective = CommandObjective(command: ["/bin/cat", path])
    let start = ContinuousClock.now
    let outcome = try await objective.evaluate(TrialRequest(study: "lines", number: 0, params: [:], seed: 0), reporter: reporter)
    let seconds = benchMilliseconds(ContinuousClock.now - start) / 1000
    guard reported == lines, outcome == .complete(nil) else {
        throw SweepError.invalidArgument("expected \(lines) reports and completion, got \(reported) and \(outcome)")
    }
    emitJSON(["benchmark": "metric-lines", "lines": Double(lines), "seconds": seconds, "lines_per_second": Double(lines) / seconds])
}

struct NoSampler: Sampler {
    func sample(_ space: SearchSpace, trialNumber: Int, seed: UInt64, study: StudyIndex) throws -> [String: ParamValue] { [:] }
}

func benchOption(_ name: String, in arguments: [String]) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

func benchMilliseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) * 1e-15
}

func benchMedian(_ values: [Double]) -> Double {
    let s = values.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func emitJSON(_ object: [String: Any]) {
    if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
        print(String(decoding: data, as: UTF8.self))
    }
}
