import Foundation

/// What a study is: its name, direction, objective metric, sampler and pruner specs and seed.
public struct StudyConfig: Sendable, Hashable, Codable {
    public var name: String
    public var direction: Direction
    /// The metric whose reports the pruner judges and whose final value ranks trials.
    public var objective: String
    public var sampler: String
    public var pruner: String
    public var seed: UInt64
    /// The default parameter space for `ask`; an ask may bring its own.
    public var space: SearchSpace
    /// How a trial's value comes from its objective curve when it ends without one given.
    public var value: TrialValue

    public init(
        name: String, direction: Direction = .maximize, objective: String = "value", sampler: String = "tpe",
        pruner: String = "median", seed: UInt64 = 0, space: SearchSpace = SearchSpace(), value: TrialValue = .last
    ) {
        self.name = name
        self.direction = direction
        self.objective = objective
        self.sampler = sampler
        self.pruner = pruner
        self.seed = seed
        self.space = space
        self.value = value
    }

    private enum CodingKeys: String, CodingKey {
        case name, direction, objective, sampler, pruner, seed, space, value
    }

    /// Reads a stored configuration; one stored before trial values had a rule is `last`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        direction = try c.decode(Direction.self, forKey: .direction)
        objective = try c.decode(String.self, forKey: .objective)
        sampler = try c.decode(String.self, forKey: .sampler)
        pruner = try c.decode(String.self, forKey: .pruner)
        seed = try c.decode(UInt64.self, forKey: .seed)
        space = try c.decode(SearchSpace.self, forKey: .space)
        value = try c.decodeIfPresent(TrialValue.self, forKey: .value) ?? .last
    }

    /// The seed of trial `number`: every random choice of that trial (and of its objective, when it
    /// wants one) flows from it, so re-running the study reproduces the trial.
    public func trialSeed(_ number: Int) -> UInt64 {
        SplitMix64.derive(seed, UInt64(number))
    }
}

/// A stored study: its configuration plus what was attached to it later.
public struct StudyRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var config: StudyConfig
    public var userAttributes: [String: JSONValue]
    public var systemAttributes: [String: JSONValue]
    public var notes: [Note]
    public var created: Date

    public init(
        id: Int64, config: StudyConfig, userAttributes: [String: JSONValue] = [:],
        systemAttributes: [String: JSONValue] = [:], notes: [Note] = [], created: Date = Date()
    ) {
        self.id = id
        self.config = config
        self.userAttributes = userAttributes
        self.systemAttributes = systemAttributes
        self.notes = notes
        self.created = created
    }

    public var name: String { config.name }
}

/// A line of `sweep studies`: a study and how its trials stand.
public struct StudySummary: Sendable, Hashable, Codable {
    public var record: StudyRecord
    public var counts: [TrialState: Int]
    public var best: Double?
    public var bestNumber: Int?

    public init(record: StudyRecord, counts: [TrialState: Int], best: Double?, bestNumber: Int?) {
        self.record = record
        self.counts = counts
        self.best = best
        self.bestNumber = bestNumber
    }
}
