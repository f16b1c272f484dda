import Foundation
import SweepCore

/// Where a trial ran: host, git commit (and whether the tree was dirty), the command line that
/// started the run, and the objective's command.
enum Provenance {
    static func current(objective: any Objective, baseDirectory: String) -> JSONValue {
        var o: [String: JSONValue] = [
            "host": .string(ProcessInfo.processInfo.hostName),
            "sweep_command": .string(CommandLine.arguments.joined(separator: " ")),
            "pid": .number(Double(ProcessInfo.processInfo.processIdentifier)),
        ]
        if let command = objective as? CommandObjective { o["command"] = .string(command.command.joined(separator: " ")) }
        if let commit = git(["rev-parse", "HEAD"], in: baseDirectory) {
            o["git_commit"] = .string(commit)
            o["git_dirty"] = .bool(!(git(["status", "--porcelain"], in: baseDirectory) ?? "").isEmpty)
        }
        return .object(o)
    }

    private static func git(_ arguments: [String], in directory: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
