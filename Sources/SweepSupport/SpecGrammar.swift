/// The one grammar of component specs, `name` or `name:key=value,key=value`, shared by pruner,
/// sampler and judge specs (`SweepCore.Spec`) and bandit environment and agent specs.
///
/// Spaces around the whole spec, the name, keys and values are trimmed. Two options cover what
/// the users of the grammar need:
/// - `restKeys`: keys whose value is the rest of the spec, commas included
///   (`patient:patience=3,wrapped=median:n_warmup_steps=5`, `command:run=python3 j.py --a,b`);
/// - `lists`: a token without `=` continues the previous key's list
///   (`gaussian:means=0,1,stds=1,2`); without it such a token is an error.
public enum SpecGrammar {
    /// One `key=value` (or `key=v1,v2,...` with lists) of a spec, in the order written.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var values: [String]
        /// The value as written (list items joined by commas).
        public var value: String { values.joined(separator: ",") }

        public init(key: String, values: [String]) {
            self.key = key
            self.values = values
        }
    }

    /// A spec taken apart: the trimmed text, the name and the entries.
    public struct Parts: Sendable, Hashable {
        public var text: String
        public var name: String
        public var entries: [Entry]
    }

    /// Why a spec does not follow the grammar; `description` reads as the rest of
    /// "invalid spec 'TEXT': ...".
    public enum SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        case nothingAfterColon
        /// A token with no `=` (and, with lists, no key before it).
        case valueWithoutKey(String)
        /// `=value` with nothing before the `=`.
        case emptyKey
        /// Two commas in a row, or a comma at the end.
        case emptyItem
        case duplicateKey(String)

        public var description: String {
            switch self {
            case .empty: return "it is empty; expected NAME or NAME:key=value,..."
            case .nothingAfterColon: return "nothing after ':'; expected NAME:key=value,..."
            case .valueWithoutKey(let token): return "'\(token)' is not key=value"
            case .emptyKey: return "a parameter has no name before '='"
            case .emptyItem: return "an empty item between commas; expected NAME:key=value,key=value"
            case .duplicateKey(let key): return "parameter '\(key)' is given twice"
            }
        }
    }

    /// Takes `text` apart. The name is returned as written (trimmed); callers check it.
    public static func parse(_ text: String, restKeys: Set<String> = [], lists: Bool = false) throws(SyntaxError) -> Parts {
        let trimmed = text.trimmedSpaces
        guard !trimmed.isEmpty else { throw .empty }
        guard let colon = trimmed.firstIndex(of: ":") else { return Parts(text: trimmed, name: trimmed, entries: []) }
        let name = String(trimmed[..<colon]).trimmedSpaces
        var rest = trimmed[trimmed.index(after: colon)...]
        guard !rest.allSatisfy(\.isWhitespace) else { throw .nothingAfterColon }
        var entries: [Entry] = []
        while true {
            let comma = rest.firstIndex(of: ",")
            if let eq = rest.firstIndex(of: "="), comma.map({ eq < $0 }) ?? true {
                let key = String(rest[..<eq]).trimmedSpaces
                guard !key.isEmpty else { throw .emptyKey }
                guard !entries.contains(where: { $0.key == key }) else { throw .duplicateKey(key) }
                let afterEq = rest[rest.index(after: eq)...]
                if restKeys.contains(key) {
                    entries.append(Entry(key: key, values: [String(afterEq).trimmedSpaces]))
                    return Parts(text: trimmed, name: name, entries: entries)
                }
                let end = afterEq.firstIndex(of: ",") ?? afterEq.endIndex
                entries.append(Entry(key: key, values: [String(afterEq[..<end]).trimmedSpaces]))
                guard end < afterEq.endIndex else { break }
                rest = afterEq[afterEq.index(after: end)...]
                continue
            }
            let item = String(rest[..<(comma ?? rest.endIndex)]).trimmedSpaces
            if item.isEmpty && !lists { throw .emptyItem }
            if lists, !entries.isEmpty {
                entries[entries.count - 1].values.append(item)
            } else {
                throw item.isEmpty ? .emptyItem : .valueWithoutKey(lists ? item : String(rest).trimmedSpaces)
            }
            guard let comma else { break }
            rest = rest[rest.index(after: comma)...]
        }
        return Parts(text: trimmed, name: name, entries: entries)
    }
}

extension String {
    /// The string without leading and trailing whitespace (spaces, tabs, line breaks).
    public var trimmedSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
