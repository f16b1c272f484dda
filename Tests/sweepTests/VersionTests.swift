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
}
