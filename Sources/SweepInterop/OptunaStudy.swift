import Foundation

/// A study as Optuna's RDB schema holds it: what `OptunaReader` reads and `OptunaWriter` writes.
/// Sweep's side of the conversion is `ImportedStudy` (from Optuna) and `OptunaExport` (to it).
public struct OptunaStudy: Sendable, Hashable {
    public var name: String
    /// `MINIMIZE`, `MAXIMIZE` or `NOT_SET`, one per objective in objective order.
    public var directions: [String]
    public var userAttributes: [String: PythonJSON]
    public var systemAttributes: [String: PythonJSON]
    /// In number order.
    public var trials: [OptunaTrial]

    public init(
        name: String, directions: [String], userAttributes: [String: PythonJSON] = [:],
        systemAttributes: [String: PythonJSON] = [:], trials: [OptunaTrial] = []
    ) {
        self.name = name
        self.directions = directions
        self.userAttributes = userAttributes
        self.systemAttributes = systemAttributes
        self.trials = trials
    }
}

/// A trial row of Optuna's schema with its params, values, intermediate values and attributes.
public struct OptunaTrial: Sendable, Hashable {
    public var number: Int
    /// `RUNNING`, `COMPLETE`, `PRUNED`, `FAIL` or `WAITING`.
    public var state: String
    public var started: Date?
    public var completed: Date?
    public var params: [String: OptunaParam]
    /// Values by objective index (Sweep studies have objective 0 only).
    public var values: [Int: Double]
    /// Intermediate values by step (NaN and infinities included).
    public var intermediate: [Int: Double]
    public var userAttributes: [String: PythonJSON]
    public var systemAttributes: [String: PythonJSON]

    public init(
        number: Int, state: String, started: Date? = nil, completed: Date? = nil, params: [String: OptunaParam] = [:],
        values: [Int: Double] = [:], intermediate: [Int: Double] = [:], userAttributes: [String: PythonJSON] = [:],
        systemAttributes: [String: PythonJSON] = [:]
    ) {
        self.number = number
        self.state = state
        self.started = started
        self.completed = completed
        self.params = params
        self.values = values
        self.intermediate = intermediate
        self.userAttributes = userAttributes
        self.systemAttributes = systemAttributes
    }
}

/// One `trial_params` row: the internal representation and the distribution's JSON.
public struct OptunaParam: Sendable, Hashable {
    public var internalValue: Double
    public var distributionJSON: String

    public init(internalValue: Double, distributionJSON: String) {
        self.internalValue = internalValue
        self.distributionJSON = distributionJSON
    }
}
