import Foundation

/// The end of a trial's log file, as `sweep run` keeps it (`<log_directory>/N.log`, or `N.R.log`
/// for each seed repeat), read when the server runs where the trial did.
enum LogTail {
    /// At most this many bytes are read from the end of a log.
    static let maxBytes = 32 * 1024
    /// At most this many lines are shown.
    static let maxLines = 60

    /// Each log file of trial `number` in `directory` that can be read: its name and its last
    /// lines (a partial first line dropped when the file was cut).
    static func read(directory: String, trial number: Int) -> [(name: String, lines: [String])] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let own = names.filter { $0 == "\(number).log" || ($0.hasPrefix("\(number).") && $0.hasSuffix(".log") && Int($0.dropFirst("\(number).".count).dropLast(4)) != nil) }
        return own.sorted { a, b in a.count != b.count ? a.count < b.count : a < b }.compactMap { name in
            guard let handle = FileHandle(forReadingAtPath: (directory as NSString).appendingPathComponent(name)) else { return nil }
            defer { try? handle.close() }
            let size = (try? handle.seekToEnd()) ?? 0
            let start = size > UInt64(maxBytes) ? size - UInt64(maxBytes) : 0
            try? handle.seek(toOffset: start)
            let data = (try? handle.readToEnd()) ?? Data()
            var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if start > 0, !lines.isEmpty { lines.removeFirst() }
            if lines.last == "" { lines.removeLast() }
            return (name, Array(lines.suffix(maxLines)))
        }
    }
}
