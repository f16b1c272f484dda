import Foundation
import SweepTestSupport
import SweepPostgres
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// PostgreSQL restarted (`pg_ctl restart -m fast`) in the middle of a `sweep run` with four
/// workers: the run completes with exactly its trials, none failed, none twice, every printed
/// report stored. The server is one of the test's own (`scripts/postgres` on another port and
/// folder), so the restart does not cut the other tests' connections.
@Suite(
    .enabled(if: PrivateServer.canStart, "needs root (initdb runs as the user postgres) and PostgreSQL 15's binaries"),
    .timeLimit(.minutes(10)))
struct PostgresRestartTests {
    static let trials = 16
    static let steps = 8

    @Test func aRunSurvivesAServerRestart() async throws {
        let server = try await offPool { try PrivateServer.start() }
        defer { server.stop() }
        let dir = try SweepProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try SweepProcess.writeSteadyStudy("restart", trials: Self.trials, workers: 4, steps: Self.steps, pause: 1, in: dir)
        let url = "postgres://postgres@127.0.0.1:\(server.port)/postgres"
        let (run, ended) = SweepProcess.runInBackground(["run", "study.toml", "--storage", url, "--json"], in: dir)
        // Restart once the second round of trials runs: some have finished, others are running.
        try await SweepProcess.waitForStartedTrials(6, in: dir)
        try await offPool { try server.restart() }
        #expect(!ended.isSet, "the restart came while the run was going")
        let result = try await run.value
        #expect(result.status == 0, "\(result.stderr)")

        let listed = try await SweepProcess.run(["trials", "--storage", url, "--json", "--curves"], in: dir)
        let rows = (try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8))) as? [[String: Any]] ?? []
        #expect(rows.count == Self.trials, "exactly the study's trials: \(rows.count)\n\(result.stderr)")
        #expect(Set(rows.compactMap { $0["number"] as? Int }) == Set(0..<Self.trials), "unique numbers")
        for row in rows {
            #expect(row["state"] as? String == "complete", "trial \(row["number"] ?? "?") is \(row["state"] ?? "?")")
            let curve = (row["metrics"] as? [String: Any])?["value"] as? [[Double]] ?? []
            #expect(curve.map { Int($0[0]) } == Array(0..<Self.steps), "trial \(row["number"] ?? "?") kept every report")
        }
    }
}

/// A PostgreSQL server of one test's own, started by `scripts/postgres` on a port and in a folder
/// no other test uses, stopped and removed by `stop()`.
struct PrivateServer {
    let root: String
    let port: Int

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/postgres")
    static var canStart: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/15/bin/pg_ctl")
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    static func start() throws -> PrivateServer {
        var last = ""
        for _ in 0..<3 {
            let server = PrivateServer(
                root: "/tmp/sweep-pg-test-\(UUID().uuidString.prefix(8).lowercased())", port: Int.random(in: 55_000...55_999))
            let started = try server.script("start")
            if started.status == 0 { return server }
            last = started.output
            server.stop()
        }
        throw Failure(description: "could not start a PostgreSQL server of the test's own: \(last)")
    }

    func restart() throws {
        let result = try script("restart")
        guard result.status == 0 else { throw Failure(description: "scripts/postgres restart: \(result.output)") }
    }

    func stop() {
        _ = try? script("stop")
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Runs `scripts/postgres COMMAND` for this server and waits for it with `waitpid`. Not
    /// Foundation's `Process`: its `waitUntilExit` never returned here once `pg_ctl` had left the
    /// server running (the script's process stayed a zombie).
    private func script(_ command: String) throws -> (status: Int32, output: String) {
        let output = "/tmp/sweep-pg-test-\(UUID().uuidString.prefix(8).lowercased()).out"
        defer { unlink(output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let arguments = ["/usr/bin/env", "SWEEP_PG_ROOT=\(root)", "SWEEP_PG_PORT=\(port)", Self.script.path, command]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw Failure(description: "could not start scripts/postgres: error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        // Exited normally: the low 7 bits are 0 and the code is the next byte.
        return (status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f), text)
    }
}
