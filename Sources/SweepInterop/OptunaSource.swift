import SweepCore

/// Where `sweep import optuna` reads studies: an Optuna SQLite file (`OptunaReader`), a journal
/// file (`OptunaJournalReader`) or a PostgreSQL database (`OptunaPostgresReader`). Each gives
/// the same `OptunaStudy` values, which `ImportedStudy` turns into Sweep's terms.
public protocol OptunaSource: Sendable {
    /// The file or database, for messages (a PostgreSQL URL without its password).
    var location: String { get }
    /// The names of the studies, in the order they were created.
    func studyNames() async throws(SweepError) -> [String]
    /// One study with its trials; throws `unknownStudy` when there is none of that name.
    func study(named name: String) async throws(SweepError) -> OptunaStudy
    /// Lets go of the connection, if any (files need nothing).
    func close() async
}

extension OptunaSource {
    public func close() async {}
}

extension OptunaReader: OptunaSource {
    public var location: String { path }
}

extension OptunaJournalReader: OptunaSource {
    public var location: String { path }
}

extension OptunaImport {
    /// Reads and converts the chosen studies (`names`; all of the source's when nil) before
    /// anything is written, as `read(_:names:rename:)` does for a SQLite file.
    public static func read(from source: any OptunaSource, names: [String]?, rename: String? = nil) async throws(SweepError) -> [ImportedStudy] {
        let chosen: [String]
        if let names { chosen = names } else { chosen = try await source.studyNames() }
        if rename != nil, chosen.count != 1 {
            throw .invalidArgument("--rename names one study, but \(chosen.count) are being imported; import them one at a time")
        }
        var result: [ImportedStudy] = []
        for name in chosen {
            result.append(try ImportedStudy(try await source.study(named: name), name: rename))
        }
        return result
    }
}
