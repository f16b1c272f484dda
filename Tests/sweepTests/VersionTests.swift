import Foundation
import Testing

/// `sweep --version` prints the version, and `sweep --help` shows it.
@Suite struct VersionTests {
    @Test func versionAndHelpAgree() throws {
        let dir = try SweepProcess.temporaryDirectory()
        let version = try SweepProcess.run(["--version"], in: dir)
        #expect(version.status == 0)
        let number = version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(number.split(separator: ".").count == 3, "a semantic version, got '\(number)'")
        #expect(try SweepProcess.run(["--help"], in: dir).stdout.contains("sweep \(number)"))
    }

    /// The default storage is said once in each command's help, not twice.
    @Test(arguments: ["trials", "ask", "report", "best"])
    func helpSaysTheDefaultStorageOnce(_ command: String) throws {
        let dir = try SweepProcess.temporaryDirectory()
        let help = try SweepProcess.run([command, "--help"], in: dir).stdout
        let said = help.components(separatedBy: "sqlite:sweep.db").count - 1
        #expect(said == 1, "\(said) times in: \(help)")
    }
}
