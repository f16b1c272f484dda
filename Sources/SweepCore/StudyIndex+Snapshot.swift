import Foundation

// Saving an index with its feed cursor, and restoring it (docs/architecture.md, "Index snapshots").
extension StudyIndex {
    /// The snapshot format's version; a snapshot of another version is not read (the index is
    /// then rebuilt from the feed).
    public static let snapshotVersion: Int64 = 2
    private static let snapshotMagic = "sweep-index"

    /// Encodes the index as current at `cursor`: everything a pruner or judge reads, not the list
    /// of every finished trial. Trials kept (the winners, the best first) carry their objective
    /// curve and attributes, not their notes.
    public func snapshot(cursor: Int64) throws -> IndexSnapshot {
        var w = SnapshotWriter()
        w.text(Self.snapshotMagic)
        w.int(Self.snapshotVersion)
        w.text(objective)
        w.text(direction.rawValue)
        w.int(completedCount)
        w.optional(maxCompletedLastStep)
        w.double(finalRange?.lowerBound ?? .nan)
        w.double(finalRange?.upperBound ?? .nan)
        w.int(steps.count)
        for (step, statistics) in steps.sorted(by: { $0.key < $1.key }) {
            w.int(step)
            w.int(statistics.reported)
            w.doubles(statistics.values.sorted)
            w.doubles(statistics.gains.sorted)
        }
        w.int(attributeValues.count)
        for (key, byTrial) in attributeValues.sorted(by: { $0.key < $1.key }) {
            w.text(key)
            w.int(byTrial.count)
            for (number, value) in byTrial.sorted(by: { $0.key < $1.key }) {
                w.int(number)
                w.double(value)
            }
        }
        w.text(try JSONColumn.encode(attributes: studyAttributes))
        w.int(winners.count)
        for trial in winners { try write(trial, to: &w) }
        return IndexSnapshot(cursor: cursor, bytes: w.bytes)
    }

    /// An index restored from a snapshot of the study `name`. Throws `SweepError.storage` when the
    /// bytes are damaged, of another version, or made for another objective or direction.
    public static func restore(
        _ snapshot: IndexSnapshot, name: String, direction: Direction, objective: String
    ) throws -> StudyIndex {
        var r = SnapshotReader(snapshot.bytes)
        guard try r.text("the header") == snapshotMagic else {
            throw SweepError.storage("the index snapshot of study '\(name)' is not a Sweep index snapshot")
        }
        let version = try r.int("the version")
        guard version == snapshotVersion else {
            throw SweepError.storage(
                "the index snapshot of study '\(name)' has version \(version); this Sweep reads version \(snapshotVersion)")
        }
        let storedObjective = try r.text("the objective")
        let storedDirection = try r.text("the direction")
        guard storedObjective == objective, storedDirection == direction.rawValue else {
            throw SweepError.storage(
                "the index snapshot of study '\(name)' was made for \(storedDirection) '\(storedObjective)', "
                    + "not \(direction.rawValue) '\(objective)'")
        }
        let index = StudyIndex(name: name, direction: direction, objective: objective)
        index.holdsFinishedTrials = false
        index.completedCount = Int(try r.int("the complete count"))
        index.maxCompletedLastStep = try r.optionalInt("the last step")
        let (low, high) = (try r.double("the lowest final value"), try r.double("the highest final value"))
        if low.isFinite, high.isFinite, low <= high { index.finalRange = low...high }
        for _ in 0..<(try r.count("the steps", width: 24)) {
            let step = Int(try r.int("a step"))
            let reported = Int(try r.int("a step's report count"))
            let values = try r.doubles("step \(step)'s values")
            let gains = try r.doubles("step \(step)'s gains")
            for list in [values, gains] {
                guard zip(list, list.dropFirst()).allSatisfy({ $0 <= $1 }), !list.contains(where: \.isNaN) else {
                    throw SweepError.storage("the index snapshot of study '\(name)' has unsorted values at step \(step)")
                }
            }
            index.steps[step] = StepStatistics(
                reported: reported, values: SortedMultiset(ascending: values), gains: SortedMultiset(ascending: gains))
        }
        for _ in 0..<(try r.count("the attribute keys", width: 16)) {
            let key = try r.text("an attribute key")
            var byTrial: [Int: Double] = [:]
            var values: [Double] = []
            for _ in 0..<(try r.count("attribute '\(key)'", width: 16)) {
                let number = Int(try r.int("attribute '\(key)''s trial"))
                let value = try r.double("attribute '\(key)''s value")
                guard !value.isNaN else { throw SweepError.storage("the index snapshot has NaN for attribute '\(key)'") }
                byTrial[number] = value
                values.append(value)
            }
            index.attributeValues[key] = byTrial
            index.attributes[key] = SortedMultiset(ascending: values.sorted())
        }
        index.studyAttributes = try JSONColumn.attributes(try r.text("the study attributes"), column: "index snapshot")
        for _ in 0..<(try r.count("the winners", width: 16)) { index.winners.append(try readTrial(&r, objective: objective)) }
        // The best trial is the first winner (the same rule, the earlier on ties).
        index.bestTrial = index.winners.first
        guard r.isAtEnd else { throw SweepError.storage("the index snapshot of study '\(name)' has bytes after its end") }
        return index
    }

    private func write(_ trial: Trial, to w: inout SnapshotWriter) throws {
        w.int(trial.id)
        w.int(trial.number)
        w.text(trial.state.rawValue)
        w.optional(trial.value)
        w.text(try JSONColumn.encode(params: trial.params))
        w.text(try JSONColumn.encode(distributions: trial.distributions))
        w.text(try JSONColumn.encode(attributes: trial.userAttributes))
        w.text(try JSONColumn.encode(attributes: trial.systemAttributes))
        for date in [trial.started, trial.finished, trial.heartbeat] { w.optional(date?.timeIntervalSince1970) }
        w.optional(trial.heartbeatTimeout)
        let curve = trial.curve(objective)
        w.int(curve.count)
        for step in curve.steps { w.int(step) }
        w.doubles(curve.values)
    }

    private static func readTrial(_ r: inout SnapshotReader, objective: String) throws -> Trial {
        let id = try r.int("a trial's id")
        let number = Int(try r.int("a trial's number"))
        let stateText = try r.text("trial \(number)'s state")
        guard let state = TrialState(rawValue: stateText) else {
            throw SweepError.storage("the index snapshot has state '\(stateText)' for trial \(number)")
        }
        let column = "index snapshot, trial \(number)"
        var trial = Trial(id: id, number: number, state: state, value: try r.optionalDouble("trial \(number)'s value"))
        trial.params = try JSONColumn.params(try r.text("trial \(number)'s parameters"), column: column)
        trial.distributions = try JSONColumn.distributions(try r.text("trial \(number)'s distributions"), column: column)
        trial.userAttributes = try JSONColumn.attributes(try r.text("trial \(number)'s user attributes"), column: column)
        trial.systemAttributes = try JSONColumn.attributes(try r.text("trial \(number)'s system attributes"), column: column)
        trial.started = try r.optionalDouble("trial \(number)'s start").map(Date.init(timeIntervalSince1970:))
        trial.finished = try r.optionalDouble("trial \(number)'s end").map(Date.init(timeIntervalSince1970:))
        trial.heartbeat = try r.optionalDouble("trial \(number)'s heartbeat").map(Date.init(timeIntervalSince1970:))
        trial.heartbeatTimeout = try r.optionalDouble("trial \(number)'s heartbeat timeout")
        var steps: [Int] = []
        for _ in 0..<(try r.count("trial \(number)'s steps", width: 16)) { steps.append(Int(try r.int("a step"))) }
        let values = try r.doubles("trial \(number)'s values")
        guard values.count == steps.count else {
            throw SweepError.storage("the index snapshot has \(steps.count) steps but \(values.count) values for trial \(number)")
        }
        if !steps.isEmpty { trial.metrics[objective] = MetricCurve(steps: steps, values: values) }
        return trial
    }
}
