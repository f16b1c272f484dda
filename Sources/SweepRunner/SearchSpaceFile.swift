import Foundation
import SweepCore
import TOMLKit

/// Reads a parameter space from TOML:
///
/// ```toml
/// [params]
/// lr = { type = "float", low = 1e-5, high = 0.1, log = true }
/// layers = { type = "int", low = 1, high = 4 }
/// optimizer = { type = "categorical", choices = ["adam", "sgd"] }
/// gamma = "float:0.9:0.999"          # the command-line short form works too
/// ```
///
/// A file without a `[params]` table is read as the table itself. Errors name the file, the line
/// and the parameter.
public enum SearchSpaceFile {
    public static func read(path: String) throws(SweepError) -> SearchSpace {
        try parse(try TOMLText.read(path: path, what: "space file"), source: path)
    }

    public static func parse(_ text: String, source: String) throws(SweepError) -> SearchSpace {
        let table = try TOMLText.table(text, source: source)
        let params = table["params"]?.table ?? table
        return try space(from: params, text: text, source: source)
    }

    /// Builds a space from a TOML table of name → distribution (inline table or short string).
    public static func space(from params: TOMLTable, text: String, source: String) throws(SweepError) -> SearchSpace {
        var parameters: [SearchSpace.Parameter] = []
        for (name, value) in params {
            do throws(DistributionError) {
                if let short = value.string {
                    parameters.append(.init(name: name, distribution: try SearchSpace.parseDistribution(short)))
                } else if let item = value.table {
                    parameters.append(.init(name: name, distribution: try DistributionTable.distribution(item)))
                } else {
                    throw .malformed(
                        "expected an inline table such as { type = \"float\", low = 0, high = 1 } or a string such as \"float:0:1\", got \(DistributionTable.show(value))")
                }
            } catch {
                // Only here: finding the line reads the whole text, which for every parameter
                // would make reading a file quadratic in its size.
                let line = lineNumber(of: name, in: text).map { ":\($0)" } ?? ""
                throw .invalidArgument("\(source)\(line): parameter '\(name)': \(error.description)")
            }
        }
        return SearchSpace(parameters)
    }

    /// The 1-based line where `key` is first assigned (`key =` or `[params.key]`), if found.
    /// Plain Swift string operations: Foundation's `trimmingCharacters` traps on some text a
    /// mangled file holds (found by `StudyFileFuzzTests`).
    public static func lineNumber(of key: String, in text: String) -> Int? {
        func trimmed(_ s: Substring) -> Substring {
            var s = s
            while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
            while let c = s.last, c == " " || c == "\t" || c == "\r" { s.removeLast() }
            return s
        }
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = trimmed(line)
            if t.hasPrefix(key), trimmed(t.dropFirst(key.count)).hasPrefix("=") { return i + 1 }
            if t.hasSuffix(".\(key)]") { return i + 1 }
        }
        return nil
    }
}
