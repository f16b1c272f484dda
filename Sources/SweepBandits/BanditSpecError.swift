/// Why an environment or agent spec (`name:key=value,...`) was rejected. Every case names the spec
/// and says what was expected and what was given.
public enum BanditSpecError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The spec string is empty.
    case empty(kind: String)
    /// The name before `:` is not a known environment or agent.
    case unknownName(kind: String, spec: String, name: String, known: [String])
    /// A key the named environment or agent does not take.
    case unknownKey(spec: String, key: String, known: [String])
    /// A list item (a token without `=`) before any `key=`.
    case valueWithoutKey(spec: String, token: String)
    /// A key given twice.
    case duplicateKey(spec: String, key: String)
    /// A value that is not what the key takes (`expected` says what it takes).
    case badValue(spec: String, key: String, value: String, expected: String)
    /// Two keys that cannot be given together, or a key that needs another one.
    case conflict(spec: String, message: String)
    /// Text that is not `name` or `name:key=value,...` (nothing after `:`, `=value` without a key).
    case malformed(spec: String, reason: String)

    public var description: String {
        switch self {
        case .empty(let kind):
            return "empty \(kind) spec: expected name or name:key=value,..."
        case .unknownName(let kind, let spec, let name, let known):
            return "\(kind) spec '\(spec)': unknown \(kind) '\(name)'; expected one of \(known.joined(separator: ", "))"
        case .unknownKey(let spec, let key, let known):
            let keys = known.isEmpty ? "no keys" : "keys " + known.joined(separator: ", ")
            return "spec '\(spec)': unknown key '\(key)'; it takes \(keys)"
        case .valueWithoutKey(let spec, let token):
            return "spec '\(spec)': value '\(token)' has no key; expected key=value"
        case .duplicateKey(let spec, let key):
            return "spec '\(spec)': key '\(key)' given twice"
        case .badValue(let spec, let key, let value, let expected):
            return "spec '\(spec)': key '\(key)' expects \(expected), got '\(value)'"
        case .conflict(let spec, let message):
            return "spec '\(spec)': \(message)"
        case .malformed(let spec, let reason):
            return "spec '\(spec)': \(reason)"
        }
    }
}
