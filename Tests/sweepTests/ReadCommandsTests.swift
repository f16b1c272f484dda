import Foundation
import GRDB
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The commands that only read (`trials`, `show`, `best`, `studies`, `log`) open the database
/// read-only: they answer while another program holds its write lock, and they refuse a file
/// that is not a Sweep database instead of adding tables to it.
@Suite struct ReadCommandsTests {
    @Test func readCommandsAnswerWhileTheDatabaseIsWriteLocked() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        for args in [["create", "locked"], ["ask"], ["report", "--trial", "0", "--step", "0", "--value", "-2.5"], ["tell", "--trial", "0", "--value", "-2.5"]] {
            let r = try await SweepProcess.run(args, in: dir)
            #expect(r.status == 0, "sweep \(args): \(r.stderr)")
        }
        var holdsTransactions = Configuration()
        holdsTransactions.allowsUnsafeTransactions = true
        let locker = try DatabaseQueue(path: dir.appendingPathComponent("sweep.db").path, configuration: holdsTransactions)
        try await locker.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        defer { try? locker.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") } }

        for args in [["trials", "--json"], ["show", "0"], ["best"], ["studies"], ["log"]] {
            let r = try await SweepProcess.run(args, in: dir)
            #expect(r.status == 0, "sweep \(args) while locked: \(r.stderr)")
            #expect(r.seconds < 10, "sweep \(args) did not wait for the write lock")
            if args == ["best"] { #expect(r.stdout.contains("-2.5"), "\(r.stdout)") }
        }
    }

    /// A database file no one may write (root too: `chattr +i`) used to fail even read commands,
    /// whose schema check wrote. Reads answer; a write names the cause. (Its folder must stay
    /// writable: SQLite reads a WAL database through a `-shm` file beside it.)
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr") && getuid() == 0, "needs root and chattr"))
    func readCommandsWorkOnADatabaseNoOneMayWrite() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        for args in [["create", "frozen"], ["ask"], ["tell", "--trial", "0", "--value", "0.5"]] {
            let r = try await SweepProcess.run(args, in: dir)
            #expect(r.status == 0, "sweep \(args): \(r.stderr)")
        }
        let chattr = URL(fileURLWithPath: "/usr/bin/chattr")
        let frozen = try await SweepProcess.run(["+i", "sweep.db"], in: dir, executable: chattr)
        // A file system without the immutable flag (some overlays) leaves nothing to check here.
        guard frozen.status == 0 else { return }
        defer { _ = try? SweepProcess.runOnThisThread(["-i", "sweep.db"], in: dir, executable: chattr) }
        for args in [["trials", "--json"], ["show", "0"], ["best"], ["studies"], ["log"]] {
            let r = try await SweepProcess.run(args, in: dir)
            #expect(r.status == 0, "sweep \(args) on a read-only database: \(r.stderr)")
        }
        let ask = try await SweepProcess.run(["ask"], in: dir)
        #expect(ask.status != 0)
        #expect(ask.stderr.contains("sweep.db is read-only"), "\(ask.stderr)")
    }

    @Test func aFileThatIsNotSweepsIsRefusedAndLeftAsItWas() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let path = dir.appendingPathComponent("notes.db").path
        try await DatabaseQueue(path: path).write { db in try db.execute(sql: "CREATE TABLE notes (text TEXT)") }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for command in ["trials", "studies", "best", "show"] {
            let r = try await SweepProcess.run(command == "show" ? [command, "0", "--storage", "sqlite:notes.db"] : [command, "--storage", "sqlite:notes.db"], in: dir)
            #expect(r.status != 0)
            #expect(r.stderr.contains("notes.db is not a Sweep database"), "sweep \(command): \(r.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func withSeveralStudiesAReadCommandReadsTheNewestAndSaysSo() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        for study in ["first", "second"] {
            for args in [["create", study], ["ask", "--study", study], ["tell", "--study", study, "--trial", "0", "--value", study == "first" ? "1" : "2"]] {
                let r = try await SweepProcess.run(args, in: dir)
                #expect(r.status == 0, "sweep \(args): \(r.stderr)")
            }
        }
        let show = try await SweepProcess.run(["show", "0"], in: dir)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.hasPrefix("trial 0 of study 'second'"), "\(show.stdout)")
        #expect(show.stderr == "sweep: study 'second', the newest of 2 (first, second); choose one with --study\n")
        let best = try await SweepProcess.run(["best", "--study", "first"], in: dir)
        #expect(best.stdout.contains("= 1") && best.stderr.isEmpty, "\(best.stdout) \(best.stderr)")
        // A command that writes does not guess.
        let tell = try await SweepProcess.run(["report", "--trial", "0", "--step", "1", "--value", "3"], in: dir)
        #expect(tell.status != 0)
        #expect(tell.stderr.contains("this storage has 2 studies (first, second); name one with --study"), "\(tell.stderr)")
    }
}
