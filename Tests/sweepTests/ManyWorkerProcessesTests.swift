import Foundation
import SweepTestSupport
import SweepPostgres
import Synchronization
import Testing

/// Eight `sweep worker` processes with four workers each on one SQLite file, and on one PostgreSQL
/// database: unique trial numbers, exactly the study's trials, each grid point once, and no
/// "database is locked" reaching the user.
@Suite struct ManyWorkerProcessesTests {
    static func study(sampler: String, trials: Int) -> String {
        """
        name = "crowd"
        trials = \(trials)
        workers = 4
        sampler = "\(sampler)"
        pruner = "median"
        [objective]
        command = ["./train.sh"]
        [params]
        x = "int:0:\(trials - 1)"
        """
    }

    @Test(arguments: ["grid", "random"])
    func eightProcessesOfFourWorkersShareOneFile(sampler: String) async throws {
        try await eightProcessesOfFourWorkers(sampler: sampler, storage: [])
    }

    @Test(
        .enabled(
            if: ProcessInfo.processInfo.environment["SWEEP_TEST_POSTGRES"].map { !$0.isEmpty } ?? false,
            "SWEEP_TEST_POSTGRES is not set: run eval \"$(scripts/postgres start)\" first"),
        arguments: ["grid", "random"])
    func eightProcessesOfFourWorkersShareOnePostgresDatabase(sampler: String) async throws {
        let server = try PostgresURL(ProcessInfo.processInfo.environment["SWEEP_TEST_POSTGRES"] ?? "")
        let name = "sweep_crowd_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await PostgresStorage.createDatabase(name, on: server)
        var failure: (any Error)?
        do {
            try await eightProcessesOfFourWorkers(
                sampler: sampler, storage: ["--storage", "postgres://\(server.user)@\(server.host):\(server.port)/\(name)"])
        } catch {
            failure = error
        }
        try await PostgresStorage.dropDatabase(name, on: server)
        if let failure { throw failure }
    }

    /// Runs the crowd with `storage` (`--storage URL`, or nothing for ./sweep.db) added to every command.
    private func eightProcessesOfFourWorkers(sampler: String, storage: [String]) async throws {
        let dir = try SweepProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let trials = 48
        try SweepProcess.write(Self.study(sampler: sampler, trials: trials), to: "study.toml", in: dir)
        try SweepProcess.write(
            """
            #!/bin/sh
            for step in 0 1 2 3 4; do echo "{\\"step\\": $step, \\"value\\": $2}"; sleep 0.01; done
            """, to: "train.sh", in: dir, executable: true)
        let created = try await SweepProcess.run(
            ["create", "crowd", "--param", "x=int:0:\(trials - 1)", "--sampler", sampler, "--pruner", "median"] + storage, in: dir)
        #expect(created.status == 0, "\(created.stderr)")
        let results = Mutex<[SweepProcess.Result]>([])
        let group = DispatchGroup()
        for _ in 0..<8 {
            group.enter()
            Thread {
                defer { group.leave() }
                if let result = try? SweepProcess.runOnThisThread(["worker", "study.toml", "--json"] + storage, in: dir) {
                    results.withLock { $0.append(result) }
                }
            }.start()
        }
        try await offPool { group.wait() }
        let all = results.withLock { $0 }
        #expect(all.count == 8)
        for result in all {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stderr.contains("locked"), "\(result.stderr)")
        }
        let listed = try await SweepProcess.run(["trials", "--json", "--curves"] + storage, in: dir)
        let rows = (try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8))) as? [[String: Any]] ?? []
        #expect(rows.count == trials, "exactly the study's trials, none over: \(rows.count)")
        #expect(Set(rows.compactMap { $0["number"] as? Int }) == Set(0..<trials), "unique numbers without gaps")
        #expect(rows.allSatisfy { ["complete", "pruned"].contains($0["state"] as? String ?? "") }, "none failed")
        if sampler == "grid" {
            let points = rows.compactMap { ($0["params"] as? [String: Any])?["x"] as? Int }
            #expect(points.sorted() == Array(0..<trials), "each grid point run once")
        }
        for row in rows where row["state"] as? String == "complete" {
            let curve = (row["metrics"] as? [String: Any])?["value"] as? [[Double]]
            #expect(curve?.count == 5, "trial \(row["number"] ?? "?") kept every report")
        }
    }
}
