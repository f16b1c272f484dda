import SweepCore

/// A study as Sweep prints it: its configuration, attributes and notes, plus its trial counts and
/// best value when listed with them (`sweep studies`).
public struct WireStudy: Encodable, Sendable {
    public var name: String
    public var direction: String
    public var objective: String
    /// How a trial's value comes from the objective curve (`last`, `mean_last:K`, `best`, `auc`).
    public var value: String
    public var sampler: String
    public var pruner: String
    public var seed: UInt64
    public var space: SearchSpace
    public var userAttributes: [String: JSONValue]
    public var notes: [String]
    public var trials: [String: Int]?
    public var best: Double?
    public var bestTrial: Int?

    enum CodingKeys: String, CodingKey {
        case name, direction, objective, value, sampler, pruner, seed, space, notes, trials, best
        case userAttributes = "user_attrs"
        case bestTrial = "best_trial"
    }

    public init(_ record: StudyRecord, summary: StudySummary? = nil) {
        name = record.name
        direction = record.config.direction.rawValue
        objective = record.config.objective
        value = record.config.value.description
        sampler = record.config.sampler
        pruner = record.config.pruner
        seed = record.config.seed
        space = record.config.space
        userAttributes = record.userAttributes
        notes = record.notes.map(\.text)
        if let summary {
            trials = Dictionary(uniqueKeysWithValues: summary.counts.map { ($0.key.rawValue, $0.value) })
            best = summary.best
            bestTrial = summary.bestNumber
        }
    }
}
