extension StudyChanges {
    /// Adds what one row of a storage's change feed says, for storages that keep the feed as rows
    /// (SQLite, PostgreSQL): one per finished trial (`kind` `finished`, the trial among
    /// `finished`, read by the storage) and per system attribute set (`trial_attribute` with the
    /// trial's number, or `study_attribute`; `value` the attribute's JSON text). Throws, naming
    /// the row, when it lacks what its kind needs.
    public mutating func add(
        feedRow seq: Int64, kind: String, trialID: Int64?, trialNumber: Int?, key: String?, value: String?,
        finished: [Int64: Trial], study: Int64
    ) throws {
        let row = "feed row \(seq) of study \(study)"
        switch kind {
        case "finished":
            guard let id = trialID, let trial = finished[id] else {
                throw SweepError.storage("\(row) names a trial that is not stored")
            }
            self.finished.append(trial)
        case "trial_attribute":
            guard let number = trialNumber, let key, let value else {
                throw SweepError.storage("\(row) lacks a trial number, key or value")
            }
            trialAttributes.append(
                TrialAttributeChange(trialNumber: number, key: key, value: try JSONColumn.value(value, column: "feed.value")))
        case "study_attribute":
            guard let key, let value else { throw SweepError.storage("\(row) lacks a key or value") }
            studyAttributes[key] = try JSONColumn.value(value, column: "feed.value")
        default:
            throw SweepError.corrupt("column feed.kind holds '\(kind)', expected finished, trial_attribute or study_attribute")
        }
    }
}
