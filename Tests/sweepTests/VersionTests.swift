import Foundation
import Testing

/// `sweep --version` prints the version, and `sweep --help` shows it.
@Suite struct VersionTests {
    @Test func versionAndHelpAgree() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let version = try await SweepProcess.run(["--version"], in: dir)
        #expect(version.status == 0)
        let number = version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(number.split(separator: ".").count == 3, "a semantic version, got '\(number)'")
        #expect(try await SweepProcess.run(["--help"], in: dir).stdout.contains("sweep \(number)"))
    }

    /// The default storage is said once in each command's help, not twice.
    @Test(arguments: ["trials", "ask", "report", "best"])
    func helpSaysTheDefaultStorageOnce(_ command: String) async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let help = try await SweepProcess.run([command, "--help"], in: dir).stdout
        let said = help.components(separatedBy: "sqlite:sweep.db").count - 1
        #expect(said == 1, "\(said) times in: \(help)")
    }
}
