import SweepCore

/// Optuna's distribution JSON (`optuna.distributions.distribution_to_json`) and its internal
/// representation of values (the number itself; a categorical choice's index), both ways.
///
/// Reads the classes Optuna 3.x-5.x write (`FloatDistribution`, `IntDistribution`,
/// `CategoricalDistribution`) and the deprecated ones they still accept (`UniformDistribution`,
/// `LogUniformDistribution`, `DiscreteUniformDistribution`, `IntUniformDistribution`,
/// `IntLogUniformDistribution`). Sweep has no `None` choice: it reads as the string `"None"`.
public enum OptunaDistribution {
    /// What a choice of `None` becomes.
    public static let noneChoice = ParamValue.string("None")

    /// Parses `distribution_json`; the message of a thrown error says what was wrong.
    public static func parse(_ text: String) throws(InteropError) -> Distribution {
        let json: PythonJSON
        do { json = try PythonJSON(parsing: text) } catch { throw .message("\(error)") }
        guard case .object(let top) = json, case .string(let name)? = top["name"], case .object(let a)? = top["attributes"]
        else { throw .message("expected {\"name\": ..., \"attributes\": {...}}, got \(text)") }
        do {
            switch name {
            case "FloatDistribution", "UniformDistribution", "LogUniformDistribution", "DiscreteUniformDistribution":
                let step = try optionalNumber(a["step"] ?? a["q"], "step")
                let log = try name == "LogUniformDistribution" || bool(a["log"], "log")
                return .float(try FloatDistribution(low: try number(a["low"], "low"), high: try number(a["high"], "high"), log: log, step: step))
            case "IntDistribution", "IntUniformDistribution", "IntLogUniformDistribution":
                let log = try name == "IntLogUniformDistribution" || bool(a["log"], "log")
                let step = log ? 1 : try optionalInt(a["step"], "step") ?? 1
                return .int(try IntDistribution(low: try int(a["low"], "low"), high: try int(a["high"], "high"), log: log, step: step))
            case "CategoricalDistribution":
                guard case .array(let choices)? = a["choices"] else { throw InteropError.message("choices must be a list") }
                return .categorical(try CategoricalDistribution(try choices.map(choice)))
            default:
                throw InteropError.message("unknown distribution class '\(name)'")
            }
        } catch let error as InteropError {
            throw error
        } catch {
            throw .message("\(error) in \(text)")
        }
    }

    /// The JSON Optuna 5.0 writes for the distribution.
    public static func json(_ distribution: Distribution) -> String {
        switch distribution {
        case .float(let d):
            let step = d.step.map(PythonJSON.floatText) ?? "null"
            return #"{"name": "FloatDistribution", "attributes": {"step": \#(step), "low": \#(PythonJSON.floatText(d.low)), "high": \#(PythonJSON.floatText(d.high)), "log": \#(d.log)}}"#
        case .int(let d):
            return #"{"name": "IntDistribution", "attributes": {"log": \#(d.log), "step": \#(d.step), "low": \#(d.low), "high": \#(d.high)}}"#
        case .categorical(let d):
            let choices = PythonJSON.array(d.choices.map(pythonChoice)).text
            return #"{"name": "CategoricalDistribution", "attributes": {"choices": \#(choices)}}"#
        }
    }

    /// The parameter value of an internal representation (Optuna's `to_external_repr`).
    public static func external(_ internalValue: Double, in distribution: Distribution) throws(InteropError) -> ParamValue {
        switch distribution {
        case .float:
            guard internalValue.isFinite else { throw .message("a float parameter holds \(internalValue)") }
            return .double(internalValue)
        case .int:
            guard let v = Int(exactly: internalValue) else { throw .message("an int parameter holds \(internalValue)") }
            return .int(v)
        case .categorical(let d):
            guard let index = Int(exactly: internalValue), d.choices.indices.contains(index) else {
                throw .message("choice index \(internalValue) is not one of 0..<\(d.choices.count)")
            }
            return d.choices[index]
        }
    }

    /// The internal representation of a value (Optuna's `to_internal_repr`), nil when a
    /// categorical value is not a choice or a number is not a number.
    public static func internalValue(_ value: ParamValue, in distribution: Distribution) -> Double? {
        switch distribution {
        case .float, .int: return value.doubleValue
        case .categorical: return distribution.toInternal(value)
        }
    }

    /// True when the JSON is a categorical distribution with `None` among its choices.
    public static func hasNoneChoice(_ text: String) -> Bool {
        guard case .object(let top)? = try? PythonJSON(parsing: text), case .object(let a)? = top["attributes"],
            case .array(let choices)? = a["choices"]
        else { return false }
        return choices.contains(.null)
    }

    // MARK: Pieces

    private static func choice(_ json: PythonJSON) throws(InteropError) -> ParamValue {
        switch json {
        case .null: return noneChoice
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .double(d)
        case .string(let s): return .string(s)
        case .array, .object: throw .message("a choice must be None, a bool, a number or a string, got \(json.text)")
        }
    }

    private static func pythonChoice(_ value: ParamValue) -> PythonJSON {
        switch value {
        case .int(let i): return .int(i)
        case .double(let d): return .float(d)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        }
    }

    private static func number(_ json: PythonJSON?, _ key: String) throws(InteropError) -> Double {
        guard let v = json?.number else { throw .message("\(key) must be a number, got \(json?.text ?? "nothing")") }
        return v
    }

    private static func optionalNumber(_ json: PythonJSON?, _ key: String) throws(InteropError) -> Double? {
        if json == nil || json == .null { return nil }
        return try number(json, key)
    }

    private static func int(_ json: PythonJSON?, _ key: String) throws(InteropError) -> Int {
        guard let v = json?.number, let i = Int(exactly: v) else {
            throw .message("\(key) must be an integer, got \(json?.text ?? "nothing")")
        }
        return i
    }

    private static func optionalInt(_ json: PythonJSON?, _ key: String) throws(InteropError) -> Int? {
        if json == nil || json == .null { return nil }
        return try int(json, key)
    }

    private static func bool(_ json: PythonJSON?, _ key: String) throws(InteropError) -> Bool {
        switch json {
        case nil, .null?: return false
        case .bool(let b)?: return b
        default: throw .message("\(key) must be true or false, got \(json?.text ?? "")")
        }
    }
}
