import Foundation
import SweepCore

/// One operation of an Optuna journal (a JSON object a line): each accessor checks the field's
/// type and throws `InteropError` naming the field and what was expected, never traps.
struct JournalFields {
    var fields: [String: PythonJSON]

    private func wrong(_ key: String, _ expected: String) -> InteropError {
        guard let value = fields[key] else { return .message("field '\(key)' is missing, expected \(expected)") }
        let shown = value.text
        return .message("field '\(key)' holds \(shown.count > 60 ? shown.prefix(60) + "..." : shown), expected \(expected)")
    }

    func int(_ key: String) throws(InteropError) -> Int {
        guard case .int(let v)? = fields[key] else { throw wrong(key, "an integer") }
        return v
    }

    func optionalInt(_ key: String) throws(InteropError) -> Int? {
        guard let value = fields[key], value != .null else { return nil }
        return try int(key)
    }

    func string(_ key: String) throws(InteropError) -> String {
        guard case .string(let v)? = fields[key] else { throw wrong(key, "text") }
        return v
    }

    /// A number, `NaN` and the infinities included.
    func number(_ key: String) throws(InteropError) -> Double {
        guard let v = fields[key]?.number else { throw wrong(key, "a number") }
        return v
    }

    func optionalNumber(_ key: String) throws(InteropError) -> Double? {
        guard let value = fields[key], value != .null else { return nil }
        return try number(key)
    }

    func array(_ key: String) throws(InteropError) -> [PythonJSON] {
        guard case .array(let v)? = fields[key] else { throw wrong(key, "a list") }
        return v
    }

    func optionalArray(_ key: String) throws(InteropError) -> [PythonJSON]? {
        guard let value = fields[key], value != .null else { return nil }
        return try array(key)
    }

    func optionalObject(_ key: String) throws(InteropError) -> [String: PythonJSON]? {
        guard let value = fields[key], value != .null else { return nil }
        guard case .object(let v) = value else { throw wrong(key, "an object") }
        return v
    }

    /// The one key and value of `user_attr` or `system_attr`.
    func attribute(_ key: String) throws(InteropError) -> (String, PythonJSON) {
        guard let object = try optionalObject(key), object.count == 1, let pair = object.first else {
            throw wrong(key, "an object of one key")
        }
        return pair
    }

    /// A time as Python's `isoformat` writes it: with an offset (Optuna 4 and 5 write UTC,
    /// `+00:00`), or naive, in the writing machine's time zone (Optuna 3), read in this one's.
    func optionalTime(_ key: String) throws(InteropError) -> Date? {
        guard let value = fields[key], value != .null else { return nil }
        let text = try string(key)
        guard let date = Self.time(text) else { throw wrong(key, "a time as YYYY-MM-DDTHH:MM:SS[.ffffff][+HH:MM]") }
        return date
    }

    static func time(_ text: String) -> Date? {
        guard let t = text.firstIndex(where: { $0 == "T" || $0 == " " }) else { return nil }
        let clock = text[text.index(after: t)...]
        if clock.hasSuffix("Z") { return OptunaTime.utc.date(String(text.dropLast())) }
        guard let sign = clock.lastIndex(where: { $0 == "+" || $0 == "-" }) else { return OptunaTime.local.date(text) }
        let offset = clock[clock.index(after: sign)...].split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(offset.count), let hours = Int(offset[0]), let minutes = offset.count > 1 ? Int(offset[1]) : 0,
            let seconds = offset.count > 2 ? Double(offset[2]) : 0, let naive = OptunaTime.utc.date(String(text[..<sign]))
        else { return nil }
        let shift = Double(hours * 3_600 + minutes * 60) + seconds
        return naive.addingTimeInterval(clock[sign] == "+" ? -shift : shift)
    }
}
