import SweepCore

/// Builds `Study` handles from stored studies: the sampler and pruner come from the specs the
/// study was created with.
public enum StudyOpener {
    /// Creates a study after checking its sampler and pruner specs. Programs a spec names (command
    /// judges and samplers) run in `directory` (nil: the current one).
    public static func create(_ config: StudyConfig, storage: any Storage, directory: String? = nil) throws -> Study {
        let sampler = try Components.sampler(parsing: config.sampler, seed: config.seed, directory: directory)
        let pruner = try Components.pruner(parsing: config.pruner, directory: directory)
        return try Study.create(config, storage: storage, sampler: sampler, pruner: pruner)
    }

    /// Opens a study by name; with no name, the storage's only study.
    public static func open(named name: String?, storage: any Storage, directory: String? = nil) throws -> Study {
        let record: StudyRecord
        if let name {
            record = try storage.study(named: name)
        } else {
            let all = try storage.studies()
            guard all.count == 1 else {
                throw SweepError.invalidArgument(
                    all.isEmpty
                        ? "this storage has no study yet; create one with `sweep create NAME`"
                        : "this storage has \(all.count) studies (\(all.map(\.record.name).joined(separator: ", "))); name one with --study")
            }
            record = all[0].record
        }
        let sampler = try Components.sampler(parsing: record.config.sampler, seed: record.config.seed, directory: directory)
        let pruner = try Components.pruner(parsing: record.config.pruner, directory: directory)
        return Study(record: record, storage: storage, sampler: sampler, pruner: pruner)
    }
}
