import Foundation
import SweepCore

/// A study's research log: its notes, its trials' notes and how each trial ended, newest first.
struct ResearchLog {
    /// One line of the log.
    struct Entry {
        enum Kind: String { case note, result }
        var time: Date
        var kind: Kind
        var trial: Int?
        var text: String

        /// What a search looks in: the kind, "trial N" and the text, lowercased.
        var searchText: String { ([kind.rawValue] + (trial.map { ["trial \($0)"] } ?? []) + [text]).joined(separator: " ").lowercased() }
    }

    var entries: [Entry]

    /// The entries of a study and its trials, newest first (at one time: results before notes,
    /// higher trial numbers first).
    init(record: StudyRecord, trials: [Trial]) {
        let objective = record.config.objective
        var entries = record.notes.map { Entry(time: $0.time, kind: .note, trial: nil, text: $0.text) }
        for trial in trials {
            entries += trial.notes.map { Entry(time: $0.time, kind: .note, trial: trial.number, text: $0.text) }
            if let finished = trial.finished, trial.state.isFinished {
                entries.append(Entry(time: finished, kind: .result, trial: trial.number, text: Self.result(trial, objective: objective)))
            }
        }
        self.entries = entries.sorted { ($0.time, $0.kind == .result ? 1 : 0, $0.trial ?? -1) > ($1.time, $1.kind == .result ? 1 : 0, $1.trial ?? -1) }
    }

    /// The entries whose search text holds every word of `query` (case-insensitive); all of them
    /// for an empty query.
    func matching(_ query: String) -> [Entry] {
        let words = query.lowercased().split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return entries }
        return entries.filter { entry in
            let text = entry.searchText
            return words.allSatisfy { text.contains($0) }
        }
    }

    /// "complete · reward = 0.93", "pruned at step 12 · reward = 0.4 · below the median", "failed · exit status 1".
    static func result(_ trial: Trial, objective: String) -> String {
        var parts = [trial.state.rawValue]
        if trial.state == .pruned, let step = trial.curve(objective).lastStep { parts[0] += " at step \(step)" }
        if trial.state != .failed || trial.value != nil {
            parts.append("\(objective) = \(trial.value.map { formatNumber($0, significantDigits: 6) } ?? "–")")
        }
        if let reason = trial.userAttributes["prune_reason"]?.stringValue { parts.append(reason) }
        if let reason = trial.systemAttributes[Replacement.failReasonKey]?.stringValue { parts.append(reason) }
        return parts.joined(separator: " · ")
    }
}
