/// Finds the text that toml++ (TOMLKit's C++ parser) cannot be given.
///
/// toml++ checks two things with assertions, not errors: the first character of a table
/// header's key (`[=]`, `[ {`) and the first character of an array element (`[1, }]`, a lone
/// `\r`). Either stops a debug build and is undefined behaviour in a release build. This scan
/// runs before the parser, in one pass over the bytes, and tracks just enough TOML (strings,
/// comments, the nesting of arrays and inline tables) to find both. It refuses non-ASCII at
/// those two places, where TOML 1.0 allows none either.
enum TOMLPreflight {
    /// Where toml++ would assert, and what was expected there.
    struct Problem: Equatable {
        /// 1-based line.
        let line: Int
        let expected: String
    }

    /// The first place toml++ would assert on, or nil when toml++ can parse (or refuse) the
    /// text by itself.
    static func firstProblem(in text: String) -> Problem? {
        var scan = Scan(Array(text.utf8))
        return scan.run()
    }

    static let headerKey = "a table header must name a key (a letter, digit, '_', '-' or a quoted name after '[' or '[[')"
    static let arrayElement = "an array element must be a value, ',' or ']'"

    private struct Scan {
        let bytes: [UInt8]
        var at = 0
        var line = 1
        /// The `[` and `{` of the value's arrays and inline tables the scan is inside.
        var open: [UInt8] = []
        /// True after an array's `[` or `,` until the next character that is not a space,
        /// line break or comment: the start of an element.
        var atArrayElement = false
        /// True from a line's start until its first character that is not a space.
        var atLineStart = true
        var inHeader = false

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func run() -> Problem? {
            while at < bytes.count {
                let byte = bytes[at]
                if byte == .carriageReturn, at + 1 < bytes.count, bytes[at + 1] == .newline {
                    at += 1
                    continue
                }
                if byte == .newline {
                    line += 1
                    at += 1
                    atLineStart = true
                    inHeader = false
                    continue
                }
                if byte == .space || byte == .tab {
                    at += 1
                    continue
                }
                let startsLine = atLineStart
                atLineStart = false
                if atArrayElement, byte != .hash {
                    atArrayElement = false
                    if byte == .closeBrace || byte < 0x20 || byte >= 0x7F { return Problem(line: line, expected: TOMLPreflight.arrayElement) }
                }
                switch byte {
                case .hash: skipComment()
                case .quote, .apostrophe: skipString(delimiter: byte)
                case .openBracket where startsLine && open.isEmpty:
                    if !headerKeyCanStart() { return Problem(line: line, expected: TOMLPreflight.headerKey) }
                    inHeader = true
                case .openBracket, .openBrace:
                    if !inHeader {
                        open.append(byte)
                        atArrayElement = byte == .openBracket
                    }
                    at += 1
                case .comma:
                    atArrayElement = open.last == .openBracket
                    at += 1
                case .closeBracket, .closeBrace:
                    if inHeader { inHeader = byte != .closeBracket } else { _ = open.popLast() }
                    at += 1
                default: at += 1
                }
            }
            return nil
        }

        /// At a header's `[`: steps past `[`, `[[` and spaces, and says whether what follows
        /// is something toml++ checks itself (a key's first character, `]`, the end of the
        /// text). A line break, `\r` or another `[` there is not.
        mutating func headerKeyCanStart() -> Bool {
            at += 1
            let spaced = skipSpaces()
            if at < bytes.count, bytes[at] == .openBracket {
                if spaced { return true }  // `[ [`: toml++ refuses the spaced brackets itself
                at += 1
                skipSpaces()
            }
            guard at < bytes.count else { return true }
            let byte = bytes[at]
            return byte.isBareKeyCharacter || byte == .quote || byte == .apostrophe || byte == .closeBracket
        }

        @discardableResult
        mutating func skipSpaces() -> Bool {
            let start = at
            while at < bytes.count, bytes[at] == .space || bytes[at] == .tab { at += 1 }
            return at > start
        }

        mutating func skipComment() {
            while at < bytes.count, bytes[at] != .newline { at += 1 }
        }

        /// Steps past a string of any of TOML's four kinds; a one-line string also ends at the
        /// end of its line (toml++ reports that as an error and stops).
        mutating func skipString(delimiter: UInt8) {
            let multiLine = at + 2 < bytes.count && bytes[at + 1] == delimiter && bytes[at + 2] == delimiter
            at += multiLine ? 3 : 1
            let escapes = delimiter == .quote
            while at < bytes.count {
                let byte = bytes[at]
                if escapes && byte == .backslash {
                    if at + 1 < bytes.count, bytes[at + 1] == .newline { line += 1 }
                    at += 2
                    continue
                }
                if byte == .newline {
                    if !multiLine { return }
                    line += 1
                }
                if byte == delimiter {
                    if !multiLine {
                        at += 1
                        return
                    }
                    if at + 2 < bytes.count, bytes[at + 1] == delimiter, bytes[at + 2] == delimiter {
                        at += 3
                        while at < bytes.count, bytes[at] == delimiter { at += 1 }
                        return
                    }
                }
                at += 1
            }
        }
    }
}

extension UInt8 {
    fileprivate static let newline = UInt8(ascii: "\n")
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let tab = UInt8(ascii: "\t")
    fileprivate static let carriageReturn = UInt8(ascii: "\r")
    fileprivate static let comma = UInt8(ascii: ",")
    fileprivate static let hash = UInt8(ascii: "#")
    fileprivate static let quote = UInt8(ascii: "\"")
    fileprivate static let apostrophe = UInt8(ascii: "'")
    fileprivate static let backslash = UInt8(ascii: "\\")
    fileprivate static let openBracket = UInt8(ascii: "[")
    fileprivate static let closeBracket = UInt8(ascii: "]")
    fileprivate static let openBrace = UInt8(ascii: "{")
    fileprivate static let closeBrace = UInt8(ascii: "}")

    /// A character a bare TOML key can hold: ASCII letters and digits, `_` and `-`.
    fileprivate var isBareKeyCharacter: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || self == UInt8(ascii: "_") || self == UInt8(ascii: "-")
    }
}
