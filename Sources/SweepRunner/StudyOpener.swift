import Foundation
import SweepCore

/// Builds `Study` handles from stored studies: the sampler and pruner come from the specs the
/// study was created with.
public enum StudyOpener {
    /// Creates a study after checking its sampler and pruner specs. Programs a spec names (command
    /// judges and samplers) run in `directory` (nil: the current one).
    /// The specs are stored as their trimmed text (`" median"` is stored as `median`).
    public static func create(_ config: StudyConfig, storage: any Storage, directory: String? = nil) async throws -> Study {
        var config = config
        let sampler = try Components.sampler(parsing: config.sampler, seed: config.seed, directory: directory)
        let pruner = try Components.pruner(parsing: config.pruner, directory: directory)
        config.sampler = try Spec(parsing: config.sampler).text
        config.pruner = try Spec(parsing: config.pruner).text
        return try await Study.create(config, storage: storage, sampler: sampler, pruner: pruner)
    }

    /// Opens the study a study file names, creating it when it does not exist yet (or joining it
    /// when another runner created it first).
    ///
    /// When the file's settings differ from the stored ones, it refuses with a message listing
    /// each difference. With `force`, the changes that keep stored trials valid (sampler, pruner,
    /// a wider or larger space) are stored, used from then on by every handle on the study, and
    /// noted in the research log; other changes are still refused.
    public static func openOrCreate(file config: StudyConfig, storage: any Storage, directory: String? = nil, force: Bool) async throws -> Study {
        let record: StudyRecord
        do {
            record = try await storage.study(named: config.name)
        } catch SweepError.unknownStudy {
            do {
                return try await create(config, storage: storage, directory: directory)
            } catch SweepError.duplicateStudy {
                return try await openOrCreate(file: config, storage: storage, directory: directory, force: force)
            }
        }
        let stored = try effectiveConfig(of: record)
        let difference = StudyFileDifference(stored: stored, file: config)
        guard !difference.isEmpty else { return try open(record, storage: storage, directory: directory) }
        guard force, difference.blocking.isEmpty else {
            throw SweepError.invalidArgument(difference.refusal(study: config.name, forced: force))
        }
        var applied = stored
        applied.sampler = try Spec(parsing: config.sampler).text
        applied.pruner = try Spec(parsing: config.pruner).text
        applied.space = config.space
        // Build the new components first: a spec that does not work is refused before anything is stored.
        _ = try Components.sampler(parsing: applied.sampler, seed: applied.seed, directory: directory)
        _ = try Components.pruner(parsing: applied.pruner, directory: directory)
        try await storage.setStudyAttribute(study: record.id, key: appliedKey, value: try appliedValue(applied), system: true)
        let changes = difference.changes.map(\.description).joined(separator: "; ")
        try await storage.addStudyNote(study: record.id, note: Note(time: Date(), text: "study file applied with --force: \(changes)"))
        return try open(try await storage.study(named: config.name), storage: storage, directory: directory)
    }

    /// The system attribute that holds the sampler, pruner and space `--force` stored; they take
    /// the place of those the study was created with.
    public static let appliedKey = "study_file"

    /// The settings a study runs with: those it was created with, updated by what `--force` stored.
    public static func effectiveConfig(of record: StudyRecord) throws -> StudyConfig {
        var config = record.config
        guard let value = record.systemAttributes[appliedKey] else { return config }
        let applied: Applied
        do {
            applied = try JSONDecoder().decode(Applied.self, from: try JSONEncoder().encode(value))
        } catch {
            throw SweepError.storage("study '\(record.name)': the stored '\(appliedKey)' attribute is damaged: \(describeDecodingError(error))")
        }
        config.sampler = applied.sampler
        config.pruner = applied.pruner
        config.space = applied.space
        return config
    }

    /// What `--force` stores under `appliedKey`.
    private struct Applied: Codable {
        var sampler: String
        var pruner: String
        var space: SearchSpace
    }

    private static func appliedValue(_ config: StudyConfig) throws -> JSONValue {
        let data = try JSONEncoder().encode(Applied(sampler: config.sampler, pruner: config.pruner, space: config.space))
        return try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Opens a study by name; with no name, the storage's only study, or with `newestWhenSeveral`
    /// the newest of several (`reportChoice` then hears which, and among how many).
    public static func open(
        named name: String?, storage: any Storage, directory: String? = nil, newestWhenSeveral: Bool = false,
        reportChoice: (_ chosen: String, _ among: [String]) -> Void = { _, _ in }
    ) async throws -> Study {
        let record: StudyRecord
        if let name {
            record = try await storage.study(named: name)
        } else {
            let all = try await storage.studies().map(\.record)
            if newestWhenSeveral, all.count > 1, let newest = all.max(by: { $0.id < $1.id }) {
                reportChoice(newest.name, all.map(\.name))
                record = newest
            } else {
                guard all.count == 1 else {
                    throw SweepError.invalidArgument(
                        all.isEmpty
                            ? "this storage has no study yet; create one with `sweep create NAME`"
                            : "this storage has \(all.count) studies (\(all.map(\.name).joined(separator: ", "))); name one with --study")
                }
                record = all[0]
            }
        }
        return try open(record, storage: storage, directory: directory)
    }

    /// A handle on a stored study with its effective settings (see `effectiveConfig(of:)`).
    static func open(_ record: StudyRecord, storage: any Storage, directory: String?) throws -> Study {
        var record = record
        record.config = try effectiveConfig(of: record)
        let sampler = try Components.sampler(parsing: record.config.sampler, seed: record.config.seed, directory: directory)
        let pruner = try Components.pruner(parsing: record.config.pruner, directory: directory)
        return Study(record: record, storage: storage, sampler: sampler, pruner: pruner)
    }
}
