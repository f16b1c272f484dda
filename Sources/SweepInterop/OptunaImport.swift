import Foundation
import SweepCore

/// Stores imported studies in any `Storage`, all or nothing: every name is checked free first,
/// and when storing fails part way, the studies this call created are deleted again.
public enum OptunaImport {
    /// Reads and converts the chosen studies (`names`; all of the file's when nil) before
    /// anything is written. `rename` needs exactly one study. Throws `unknownStudy` for a name
    /// the file does not hold.
    public static func read(_ reader: OptunaReader, names: [String]?, rename: String? = nil) throws(SweepError) -> [ImportedStudy] {
        let chosen: [String]
        if let names { chosen = names } else { chosen = try reader.studyNames() }
        if rename != nil, chosen.count != 1 {
            throw .invalidArgument("--rename names one study, but \(chosen.count) are being imported; import them one at a time")
        }
        var result: [ImportedStudy] = []
        for name in chosen {
            result.append(try ImportedStudy(try reader.study(named: name), name: rename))
        }
        return result
    }

    /// Stores the studies; returns their records. Throws `duplicateStudy` (writing nothing) when a
    /// name is taken.
    public static func store(_ studies: [ImportedStudy], into storage: any Storage) async throws -> [StudyRecord] {
        for study in studies {
            do {
                _ = try await storage.study(named: study.config.name)
                throw SweepError.duplicateStudy(study.config.name)
            } catch SweepError.unknownStudy {
                continue
            }
        }
        var stored: [StudyRecord] = []
        do {
            for study in studies {
                stored.append(try await store(study, into: storage))
            }
        } catch {
            for record in stored { try? await storage.deleteStudy(record.id) }
            throw error
        }
        return stored
    }

    /// Stores one study; deletes it again when a later step fails.
    static func store(_ study: ImportedStudy, into storage: any Storage) async throws -> StudyRecord {
        let record = try await storage.createStudy(study.config)
        do {
            for (key, value) in study.userAttributes.sorted(by: { $0.key < $1.key }) {
                try await storage.setStudyAttribute(study: record.id, key: key, value: value, system: false)
            }
            for (key, value) in study.systemAttributes.sorted(by: { $0.key < $1.key }) {
                try await storage.setStudyAttribute(study: record.id, key: key, value: value, system: true)
            }
            for note in study.notes { try await storage.addStudyNote(study: record.id, note: note) }
            for trial in study.trials { try await store(trial, study: record.id, into: storage) }
            return try await storage.study(named: study.config.name)
        } catch {
            try? await storage.deleteStudy(record.id)
            throw error
        }
    }

    /// A trial is created running (or waiting), gets its reports and notes, then ends in one step
    /// with its system attributes, so they reach the study's feed as a pruner's would.
    private static func store(_ trial: Trial, study: Int64, into storage: any Storage) async throws {
        let draft = TrialDraft(
            state: trial.state == .waiting ? .waiting : .running, params: trial.params, distributions: trial.distributions,
            userAttributes: trial.userAttributes, started: trial.started)
        let created = try await storage.createTrial(study: study, draft: draft)
        var steps: [Int: [String: Double]] = [:]
        for (metric, curve) in trial.metrics {
            for (step, value) in zip(curve.steps, curve.values) { steps[step, default: [:]][metric] = value }
        }
        if !steps.isEmpty {
            try await storage.report(trial: created.id, steps: steps.keys.sorted().map { StepReport(step: $0, metrics: steps[$0] ?? [:]) })
        }
        for note in trial.notes { try await storage.addTrialNote(trial: created.id, note: note) }
        if trial.state.isFinished {
            try await storage.endTrial(
                trial: created.id, state: trial.state, value: trial.value, finished: trial.finished ?? Date(),
                attributes: TrialEndAttributes(system: trial.systemAttributes))
        } else {
            for (key, value) in trial.systemAttributes.sorted(by: { $0.key < $1.key }) {
                try await storage.setTrialAttribute(trial: created.id, key: key, value: value, system: true)
            }
        }
    }
}
