import Foundation
import SweepTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Where `root` is, for the exit handler (which cannot capture).
nonisolated(unsafe) private var rootPath: String?

/// Runs the built `sweep` binary (it sits beside the test bundle) and captures its output.
struct SweepProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// How long the process ran, from its start to its exit.
        var seconds: Double = 0
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("sweep")
    }

    /// The folder every test folder of this process goes in; removed when the process exits.
    static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-tests-\(getpid())-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        rootPath = url.path
        atexit { if let rootPath { try? FileManager.default.removeItem(atPath: rootPath) } }
        return url
    }()

    /// A fresh temporary folder for one test's files, inside `root` (so removed at the latest
    /// when the test process ends). Prefer `withTemporaryDirectory`, which removes it when the
    /// test's body returns.
    static func temporaryDirectory() throws -> URL {
        let url = root.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `body` with a fresh temporary folder and removes the folder afterwards.
    static func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
        let url = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        return try await body(url)
    }

    /// How many commands `run` lets run at once: tests start together, and hundreds of processes
    /// at once would only make each one slower.
    static let slots = ProcessSlots(limit: 4)

    /// Runs the binary (or `executable`) with `arguments` in `directory` and waits for it on a
    /// thread of its own, once one of the `slots` is free: the few threads tasks share stay free
    /// for the tests that wait on time (a whole suite blocked on processes starved them for
    /// minutes). `Result.seconds` is the process's own run time, without the wait for a slot.
    /// A test that must answer a running study in time (a human judge's deadline) runs its
    /// commands `queued: false`, without waiting for a slot.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL, executable: URL = binary, queued: Bool = true) async throws -> Result {
        guard queued else { return try await offPool { try runOnThisThread(arguments, in: directory, executable: executable) } }
        return try await slots.withSlot {
            try await offPool { try runOnThisThread(arguments, in: directory, executable: executable) }
        }
    }

    /// `run` on the calling thread, without a slot: for threads of a test's own and `defer` blocks.
    @discardableResult
    static func runOnThisThread(_ arguments: [String], in directory: URL, executable: URL = binary) throws -> Result {
        let ran = try ChildProcess(executable, arguments, in: directory).runOnThisThread()
        return Result(status: ran.status, stdout: ran.output, stderr: ran.errors, seconds: ran.seconds)
    }

    /// Writes a file into a test's folder, executable when asked (scripts standing in for training
    /// commands).
    static func write(_ text: String, to name: String, in dir: URL, executable: Bool = false) throws {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        if executable { _ = chmod(url.path, 0o755) }
    }

    /// A flag that any thread may set and read.
    final class Flag: Sendable {
        private let value = Mutex(false)
        func set() { value.withLock { $0 = true } }
        var isSet: Bool { value.withLock { $0 } }
    }

    /// Writes `study.toml` and `train.sh` into `dir`: a study of `trials` command trials on
    /// `workers` workers (random sampler, no pruning), each printing `{"step": S, "value": S}` for
    /// `steps` steps with `pause` seconds between them, after marking itself started
    /// (`startedTrials`).
    static func writeSteadyStudy(
        _ name: String, trials: Int, workers: Int, steps: Int, pause: Double, in dir: URL
    ) throws {
        try write(
            """
            name = "\(name)"
            trials = \(trials)
            workers = \(workers)
            sampler = "random"
            pruner = "nop"
            [objective]
            command = ["./train.sh"]
            [params]
            x = "float:0:1"
            """, to: "study.toml", in: dir)
        try write(
            """
            #!/bin/sh
            touch "started.$SWEEP_TRIAL"
            for s in $(seq 0 \(steps - 1)); do echo "{\\"step\\": $s, \\"value\\": $s}"; sleep \(pause); done
            """, to: "train.sh", in: dir, executable: true)
    }

    /// How many trials of a `writeSteadyStudy` study have started in `dir`.
    static func startedTrials(in dir: URL) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.filter { $0.hasPrefix("started.") }.count ?? 0
    }

    /// Runs `sweep ARGUMENTS` in `dir` off the task pool; the flag is set once it has ended.
    static func runInBackground(_ arguments: [String], in dir: URL) -> (run: Task<Result, any Error>, ended: Flag) {
        let ended = Flag()
        let run = Task.detached {
            defer { ended.set() }
            return try await offPool { try SweepProcess.runOnThisThread(arguments, in: dir) }
        }
        return (run, ended)
    }

    /// Waits until `count` trials have started in `dir`, up to two minutes: a loaded machine can
    /// stall a test's clock-based wait for longer than a trial lasts, so tests wait for what
    /// happened, not for a time.
    static func waitForStartedTrials(_ count: Int, in dir: URL) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if startedTrials(in: dir) >= count { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("no \(count) trials started within two minutes")
    }

    /// Sends `process` the signal once `ready` holds (checked every 50 ms, for up to two minutes)
    /// and waits for it to exit, all on a thread of its own: a test's own sleep before a signal
    /// lasted as long as a busy machine kept its task waiting.
    static func signal(_ process: Process, _ signal: Int32, when ready: @escaping @Sendable () -> Bool) async throws {
        try await offPool {
            let deadline = Date().addingTimeInterval(120)
            while !ready() && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
        }
    }

    /// The states of the trials of the study in `dir`, read with `sweep trials` on this thread.
    static func trialStates(in dir: URL) -> [String] {
        guard let listed = try? runOnThisThread(["trials", "--json"], in: dir), listed.status == 0,
            let rows = (try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8))) as? [[String: Any]]
        else { return [] }
        return rows.compactMap { $0["state"] as? String }
    }

    /// Parses a JSON object printed on stdout.
    static func object(_ result: Result) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
    }
}

/// A counting semaphore for tasks: waiting for a slot holds no thread.
actor ProcessSlots {
    private let limit: Int
    private var used = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    /// Runs `body` once a slot is free, and frees the slot when it returns or throws.
    func withSlot<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await take()
        defer { give() }
        return try await body()
    }

    private func take() async {
        if used < limit {
            used += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func give() {
        if waiting.isEmpty { used -= 1 } else { waiting.removeFirst().resume() }
    }
}
