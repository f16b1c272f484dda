import SweepCore

/// The JSON Schemas of `/openapi.json`: what each route answers and what its parameters and bodies
/// accept, exactly enough that a property-based checker (schemathesis, in CI) finds a request the
/// document allows rejected, or an answer it does not describe, as a failure. Optional fields the
/// server leaves out when they have no value; a non-finite number is `null` (SweepWire's rules).
enum APISchemas {
    // MARK: - Building blocks

    static func object(_ properties: [String: JSONValue], required: [String] = [], closed: Bool = false) -> JSONValue {
        var schema: [String: JSONValue] = ["type": .string("object"), "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required.sorted().map { .string($0) }) }
        if closed { schema["additionalProperties"] = .bool(false) }
        return .object(schema)
    }

    static func array(_ items: JSONValue) -> JSONValue { .object(["type": .string("array"), "items": items]) }

    static func type(_ name: String) -> JSONValue { .object(["type": .string(name)]) }

    /// An integer from `low` to `high` (both included).
    static func integer(_ low: Int, _ high: Int) -> JSONValue {
        .object(["type": .string("integer"), "minimum": .number(Double(low)), "maximum": .number(Double(high))])
    }

    static func oneOf(_ values: [String]) -> JSONValue {
        .object(["type": .string("string"), "enum": .array(values.map { .string($0) })])
    }

    /// A number, or null for NaN or an infinity.
    static let number = JSONValue.object(["type": .array([.string("number"), .string("null")])])
    static let string = type("string")
    static let anyObject = type("object")
    static let time = JSONValue.object(["type": .string("string"), "format": .string("date-time")])
    /// The largest integer a JSON number carries exactly (2^53 - 1): steps and trial numbers in bodies.
    static let exactInteger = 9_007_199_254_740_991
    /// A trial number, offset or cursor in a path or query.
    static let count = integer(0, exactInteger)
    static let state = oneOf(TrialState.allCases.map(\.rawValue))
    /// Parameter values: numbers, strings, booleans.
    static let params = JSONValue.object([
        "type": .string("object"),
        "additionalProperties": .object(["type": .array([.string("number"), .string("string"), .string("boolean")])]),
    ])
    /// `[step, value]` pairs.
    static let points = array(.object(["type": .string("array"), "items": number, "minItems": .number(2), "maxItems": .number(2)]))
    static let counts = JSONValue.object(["type": .string("object"), "additionalProperties": type("integer")])

    // MARK: - Answers

    /// `{"error": "what was wrong"}`: every 4xx and 5xx of the API.
    static let error = object(["error": string], required: ["error"])

    /// A study (`WireStudy`).
    static let study = object(
        [
            "name": string, "direction": oneOf(Direction.allCases.map(\.rawValue)), "objective": string, "value": string,
            "sampler": string, "pruner": string, "seed": string, "space": anyObject, "user_attrs": anyObject,
            "notes": array(string), "trials": counts, "best": number, "best_trial": type("integer"),
        ],
        required: ["name", "direction", "objective", "value", "sampler", "pruner", "seed", "space", "user_attrs", "notes"])

    static let studies = array(study)

    static let trialProperties: [String: JSONValue] = [
        "number": type("integer"), "state": state, "params": params, "value": number, "last_step": type("integer"),
        "metrics": .object(["type": .string("object"), "additionalProperties": points]), "user_attrs": anyObject,
        "notes": array(string), "started": time, "finished": time, "duration": number, "seed": string,
    ]
    static let trialRequired = ["number", "state", "params", "user_attrs", "notes", "seed"]

    /// A trial without its curves (`WireTrial`).
    static let trial = object(trialProperties, required: trialRequired)

    /// One trial with every metric's curve and its system attributes (`WireTrialDetail`).
    static let trialDetail = object(
        trialProperties.merging(["system_attrs": anyObject]) { a, _ in a }, required: trialRequired + ["metrics", "system_attrs"])

    static let trialPage = object(
        ["total": type("integer"), "offset": type("integer"), "trials": array(trial)], required: ["total", "offset", "trials"])

    static let curveSet = object(
        [
            "metric": string,
            "trials": array(object(
                ["number": type("integer"), "state": state, "value": number, "points": points], required: ["number", "state", "points"])),
        ],
        required: ["metric", "trials"])

    static let liveTrial = object(
        [
            "number": type("integer"), "state": state, "value": number, "params": params, "last_step": type("integer"),
            "last_value": number, "points": points,
        ],
        required: ["number", "state", "params", "points"])

    static let liveUpdate = object(
        [
            "cursor": type("integer"), "trials": counts, "best_trial": type("integer"), "best": number,
            "finished": array(liveTrial), "running": array(liveTrial),
        ],
        required: ["cursor", "trials", "finished", "running"])

    static let ask = object(["number": type("integer"), "params": params, "seed": string], required: ["number", "params", "seed"])

    static let decision = object(
        ["trial": type("integer"), "step": type("integer"), "decision": oneOf(["continue", "prune"])], required: ["trial", "decision"])

    static let end = object(["trial": type("integer"), "state": state, "value": number], required: ["trial", "state"])

    static let beat = object(["trial": type("integer")], required: ["trial"])

    static let enqueued = object(["number": type("integer")], required: ["number"])

    static let notes = array(object(["time": time, "trial": type("integer"), "text": string], required: ["time", "text"]))

    static let noted = object(["noted": .object(["const": .bool(true)])], required: ["noted"])

    // MARK: - Bodies

    /// `{"heartbeat_timeout": 60}`, optional.
    static let askBody = object(["heartbeat_timeout": .object(["type": .array([.string("number"), .string("null")]), "exclusiveMinimum": .number(0)])], closed: true)

    /// `{"step": 3, "value": 0.5, "metrics": {"loss": 1.2}}`: a step and at least one value.
    static let reportBody: JSONValue = {
        guard case .object(var schema) = object(
            [
                "step": integer(0, exactInteger), "value": number,
                "metrics": .object(["type": .string("object"), "additionalProperties": number]),
            ],
            required: ["step"], closed: true)
        else { return .null }
        schema["anyOf"] = .array([
            .object(["required": .array([.string("value")])]),
            .object(["required": .array([.string("metrics")]), "properties": .object(["metrics": .object(["minProperties": .number(1)])])]),
        ])
        return .object(schema)
    }()

    /// `{"value": 0.93, "state": "complete"}`, both optional.
    static let tellBody = object(["value": number, "state": oneOf(TrialState.allCases.filter(\.isFinished).map(\.rawValue))], closed: true)

    static let enqueueBody = object(["params": params], required: ["params"], closed: true)

    /// `{"text": "...", "trial": 7}`: text with something in it.
    static let noteBody = object(
        [
            "text": .object(["type": .string("string"), "pattern": .string("\\S")]),
            "trial": .object(["type": .array([.string("integer"), .string("null")]), "minimum": .number(0), "maximum": .number(Double(exactInteger))]),
        ],
        required: ["text"], closed: true)
}
