import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Where `root` is, for the exit handler (which cannot capture).
nonisolated(unsafe) private var rootPath: String?

/// Reads a pipe to its end on a thread of its own.
final class DrainedPipe: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        Thread { [self] in
            data = pipe.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    /// Everything the pipe held, once its write end closed.
    func wait() -> Data {
        done.wait()
        return data
    }
}

/// Runs the built `sweep` binary (it sits beside the test bundle) and captures its output.
struct SweepProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
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
    static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let url = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    /// Runs the binary (or `executable`) with `arguments` in `directory` and waits for it. Stdout and stderr are
    /// read at the same time (reading one to its end first deadlocks once the other fills its
    /// pipe, at 64 KiB).
    @discardableResult
    static func run(_ arguments: [String], in directory: URL, executable: URL = binary) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errData = DrainedPipe(err)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData.wait(), as: UTF8.self))
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

    /// Runs `body` on a thread of its own and waits for it without holding one of the few threads
    /// tasks share: a test that waits for a whole `sweep run` must not starve the other tests.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Swift.Result { try body() }) }.start()
        }
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
            return try await offPool { try SweepProcess.run(arguments, in: dir) }
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

    /// Parses a JSON object printed on stdout.
    static func object(_ result: Result) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
    }
}
