import Foundation
import SweepCore
import Testing
@testable import SweepRunner

@Suite struct ProvenanceTests {
    /// A command's trials say where their logs are, as an absolute folder (the server's trial page
    /// reads the tail from there); an objective that keeps no log says nothing.
    @Test func theLogFolderIsRecordedAbsolute() throws {
        let logged = CommandObjective(command: ["/bin/true"], workdir: "/tmp", logDirectory: "sweep-logs/s", metric: "value")
        let recorded = Provenance.capture(objective: logged, baseDirectory: "/tmp").attribute
        let expected = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("sweep-logs/s").standardizedFileURL.path
        guard case .object(let fields) = recorded else { Issue.record("provenance is not an object: \(recorded)"); return }
        #expect(fields["log_directory"]?.stringValue == expected)
        let silent = CommandObjective(command: ["/bin/true"], workdir: "/tmp", metric: "value")
        guard case .object(let none) = Provenance.capture(objective: silent, baseDirectory: "/tmp").attribute else { return }
        #expect(none["log_directory"] == nil)
    }
}
