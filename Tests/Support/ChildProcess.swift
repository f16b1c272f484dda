import Foundation

/// A program the tests run (the `sweep` binary, python3 with a peer library, a shell): run on a
/// thread of its own, so that waiting for it never holds one of the few threads tasks share. A
/// full suite whose tests waited for programs on those threads kept every other test waiting for
/// minutes, and the tests that wait on time failed.
public struct ChildProcess: Sendable {
    public var executable: URL
    public var arguments: [String]
    /// Where it runs; the test process's folder when nil.
    public var directory: URL?
    /// Variables to set (a value) or remove (nil) in the inherited environment.
    public var environment: [String: String?]

    public init(_ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String?] = [:]) {
        self.executable = executable
        self.arguments = arguments
        self.directory = directory
        self.environment = environment
    }

    /// `python3 arguments`, found on the PATH as a user's shell finds it.
    public static func python(_ arguments: [String], environment: [String: String?] = [:]) -> ChildProcess {
        ChildProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments, environment: environment)
    }

    /// What a finished program left.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: Data
        /// How long it ran, from its start to its exit.
        public var seconds: Double
        public var output: String { String(decoding: stdout, as: UTF8.self) }
        public var errors: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// Runs the program to its end on a thread of its own.
    public func run() async throws -> Result {
        try await offPool { try runOnThisThread() }
    }

    /// Runs the program to its end on the calling thread (a thread of a test's own, a `defer`).
    /// Standard input is empty; standard output and error are read at the same time (reading one
    /// to its end first deadlocks once the other fills its pipe, at 64 KiB).
    public func runOnThisThread() throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            var inherited = ProcessInfo.processInfo.environment
            for (name, value) in environment { inherited[name] = value }
            process.environment = inherited
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let started = ContinuousClock.now
        try process.run()
        let errors = DrainedPipe(err)
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let took = ContinuousClock.now - started
        return Result(
            status: process.terminationStatus, stdout: output, stderr: errors.wait(),
            seconds: Double(took.components.seconds) + Double(took.components.attoseconds) * 1e-18)
    }
}

/// Runs `body` on a thread of its own and waits for it without holding one of the threads tasks
/// share.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// Reads a pipe to its end on a thread of its own.
public final class DrainedPipe: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    public init(_ pipe: Pipe) {
        Thread { [self] in
            data = pipe.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    /// Everything the pipe held, once its write end closed.
    public func wait() -> Data {
        done.wait()
        return data
    }
}
