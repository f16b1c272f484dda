import Foundation
import SweepCore
import TOMLKit

/// Reading TOML files with errors that name the file and line.
enum TOMLText {
    static func read(path: String, what: String) throws(SweepError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidArgument("cannot read \(what) '\(path)': no such file or not readable")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func table(_ text: String, source: String) throws(SweepError) -> TOMLTable {
        if let problem = TOMLPreflight.firstProblem(in: text) {
            throw .invalidArgument("\(source):\(problem.line): invalid TOML: \(problem.expected)")
        }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .invalidArgument("\(source):\(error.source.begin.line): invalid TOML: \(error.description)")
        } catch {
            throw .invalidArgument("\(source): invalid TOML: \(error)")
        }
    }
}
