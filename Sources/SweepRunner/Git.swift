import Foundation

/// Runs `git` in one folder and collects what it printed: the few git calls provenance and
/// `sweep reproduce` make. Standard output and standard error are read at the same time, so a
/// large diff cannot fill one pipe while git waits on the other.
struct Git: Sendable {
    /// The folder git runs in (`-C`).
    var directory: String
    /// Variables added to this process's environment (`GIT_INDEX_FILE`).
    var environment: [String: String] = [:]

    /// What one call printed and how it ended.
    struct Result: Sendable {
        var status: Int32
        var output: Data
        var errors: String

        var succeeded: Bool { status == 0 }
        /// Standard output as text, trimmed.
        var text: String { String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        /// Standard error's first line, for a message.
        var reason: String {
            let line = errors.split(separator: "\n").first.map(String.init) ?? ""
            return line.isEmpty ? "git exited with status \(status)" : line
        }
    }

    /// Runs `git arguments...`; nil when git cannot be started at all.
    func run(_ arguments: [String]) -> Result? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let errors = ErrorsReader(err)
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: output, errors: errors.wait())
    }

    /// Standard output, trimmed, when the call succeeded; nil otherwise.
    func text(_ arguments: [String]) -> String? {
        guard let result = run(arguments), result.succeeded else { return nil }
        return result.text
    }
}

/// Reads a pipe to its end on a thread of its own.
private final class ErrorsReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        Thread { [self] in
            data = pipe.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    func wait() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
