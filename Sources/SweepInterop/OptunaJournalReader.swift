import Foundation
import SweepCore

/// Reads studies from an Optuna journal file (`optuna.storages.journal.JournalFileBackend`,
/// Optuna 3.1-5.x): one JSON object a line, each an operation (`op_code`) that Optuna replays
/// into studies and trials (`OptunaJournalReplay`). The whole file is read and replayed when it
/// is opened, read-only.
///
/// Bad input: a file that is not a journal (its first line is not a JSON object with an
/// `op_code`) is `invalidArgument`; a line that is not JSON, an unknown `op_code` or a field of
/// the wrong type is `corrupt`, naming the line. A last line without its newline is a write that
/// was cut (Optuna appends each line whole): it is left out with a warning, as Optuna itself
/// leaves it out; `warnings` says so.
public struct OptunaJournalReader: Sendable {
    public let path: String
    /// What was left out (a torn last line).
    public let warnings: [String]
    let studies: [OptunaStudy]

    /// Reads and replays the file.
    public init(path: String) throws(SweepError) {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw .invalidArgument("no Optuna journal at \(path): the file does not exist")
        }
        let bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw .invalidArgument("cannot read \(path): \(error.localizedDescription)")
        }
        var replay = OptunaJournalReplay()
        var warnings: [String] = []
        try bytes.withUnsafeBufferPointer { (buffer) throws(SweepError) in
            var start = 0
            var line = 0
            while start < buffer.count {
                line += 1
                guard let end = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                    warnings.append(
                        "\(path) line \(line) has no newline at its end (\(buffer.count - start) bytes): a write that was cut "
                            + "(Optuna was writing it, or the file was truncated); it is left out, as Optuna leaves it out")
                    break
                }
                try Self.apply(Array(buffer[start..<end]), line: line, path: path, to: &replay)
                start = end + 1
            }
        }
        self.studies = replay.result
        self.warnings = warnings
    }

    private static func apply(_ bytes: [UInt8], line: Int, path: String, to replay: inout OptunaJournalReplay) throws(SweepError) {
        var reader = PythonJSONReader(bytes: bytes.last == UInt8(ascii: "\r") ? Array(bytes.dropLast()) : bytes)
        let json: PythonJSON
        do { json = try reader.document() } catch {
            if line == 1 { throw .invalidArgument("\(path) is not an Optuna journal: its first line is not JSON (\(error))") }
            throw .corrupt("\(path) line \(line) is not JSON (\(error)); an Optuna journal holds one JSON object a line")
        }
        guard case .object(let fields) = json, fields["op_code"] != nil else {
            if line == 1 { throw .invalidArgument("\(path) is not an Optuna journal: its first line is not a JSON object with an op_code") }
            throw .corrupt("\(path) line \(line) is not an Optuna journal operation: expected a JSON object with an op_code")
        }
        do { try replay.apply(JournalFields(fields: fields)) } catch {
            throw .corrupt("\(path) line \(line): \(error)")
        }
    }

    /// The names of the file's studies (deleted ones left out), in the order they were created.
    public func studyNames() -> [String] { studies.map(\.name) }

    /// One study with its trials; throws `unknownStudy` when the file has none of that name.
    public func study(named name: String) throws(SweepError) -> OptunaStudy {
        guard let study = studies.first(where: { $0.name == name }) else { throw .unknownStudy(name) }
        return study
    }

    /// Whether the file looks like a journal rather than a SQLite file: its first byte that is
    /// not white space is `{`.
    public static func looksLikeJournal(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64)) ?? Data()
        return head.first(where: { ![9, 10, 13, 32].contains($0) }) == UInt8(ascii: "{")
    }
}
