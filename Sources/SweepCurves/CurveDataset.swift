import Foundation

/// Reads and writes curve datasets (JSON lines, one trial a line).
public enum CurveDataset {
    /// Reads a dataset file. Blank lines are skipped; any malformed line is an error naming the
    /// file, the line and what was expected.
    public static func read(path: String) throws(CurveDatasetError) -> [CurveRecord] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path)
        }
        return try parse(data, source: path)
    }

    /// Parses dataset text. `source` names the file in errors.
    public static func parse(_ data: Data, source: String = "<input>") throws(CurveDatasetError) -> [CurveRecord] {
        var records: [CurveRecord] = []
        var seen = Set<String>()
        let decoder = JSONDecoder()
        var lineNumber = 0
        for (start, end, blank) in lineBounds(data) {
            lineNumber += 1
            if blank { continue }
            let line = data[start..<end]
            var raw: RawLine
            do {
                if let fast = CurveArrayScanner.extract(Data(line)) {
                    raw = try decoder.decode(RawLine.self, from: fast.rest)
                    raw.fastCurve = fast.curve
                } else {
                    raw = try decoder.decode(RawLine.self, from: line)
                }
            } catch {
                throw .malformed(source: source, line: lineNumber, reason: describe(error))
            }
            let record = try raw.record(source: source, line: lineNumber)
            guard seen.insert(record.id).inserted else {
                throw .malformed(source: source, line: lineNumber, reason: "id '\(record.id)' appears twice")
            }
            records.append(record)
        }
        return records
    }

    /// Where each line of `data` starts and ends (without its newline), and whether it holds only
    /// white space: found on the raw bytes, as byte-by-byte `Data` access is slow.
    static func lineBounds(_ data: Data) -> [(start: Int, end: Int, blank: Bool)] {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var bounds: [(start: Int, end: Int, blank: Bool)] = []
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            while i < bytes.count {
                var end = i
                var blank = true
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") {
                    let c = bytes[end]
                    if blank, c != 0x20, c != 0x09, c != 0x0D { blank = false }
                    end += 1
                }
                bounds.append((data.startIndex + i, data.startIndex + end, blank))
                i = end + 1
            }
            return bounds
        }
    }

    /// Writes records as JSON lines (NaN as `null`), keys sorted; numbers exact, or rounded to
    /// `significantDigits` significant digits when given.
    public static func encode(_ records: [CurveRecord], significantDigits: Int? = nil) -> Data {
        var w = JSONLineWriter(
            significantDigits: significantDigits, capacity: records.reduce(0) { $0 + 64 + 10 * $1.curve.count })
        for r in records {
            w.raw("{\"curve\":")
            w.numbers(r.curve)
            if let direction = r.direction {
                w.raw(",\"direction\":")
                w.string(direction)
            }
            if let group = r.group {
                w.raw(",\"group\":")
                w.string(group)
            }
            w.raw(",\"id\":")
            w.string(r.id)
            if !r.labels.isEmpty {
                w.raw(",\"labels\":")
                w.object(r.labels)
            }
            if !r.metrics.isEmpty {
                w.raw(",\"metrics\":{")
                for (i, key) in r.metrics.keys.sorted().enumerated() {
                    if i > 0 { w.byte(UInt8(ascii: ",")) }
                    w.string(key)
                    w.byte(UInt8(ascii: ":"))
                    w.numbers(r.metrics[key]!)
                }
                w.byte(UInt8(ascii: "}"))
            }
            w.raw(",\"params\":")
            w.object(r.params)
            if let steps = r.steps {
                w.raw(",\"steps\":[")
                for (i, s) in steps.enumerated() {
                    if i > 0 { w.byte(UInt8(ascii: ",")) }
                    w.int(s)
                }
                w.byte(UInt8(ascii: "]"))
            }
            w.raw("}\n")
        }
        return Data(w.bytes)
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _):
            return "missing field '\(key.stringValue)'; expected {\"id\": ..., \"curve\": [numbers or null], ...}"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return "field '\(path)' has the wrong type: \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return "not valid JSON (\(context.debugDescription))"
        default:
            return "\(error)"
        }
    }
}

/// A line as JSON holds it.
private struct RawLine: Codable {
    var id: CurveJSON
    var params: [String: CurveJSON]?
    var curve: [Double?]?
    var steps: [Int]?
    var direction: String?
    var metrics: [String: [Double?]]?
    var labels: [String: CurveJSON]?
    var group: CurveJSON?
    /// The curve when `CurveArrayScanner` read it (then `curve` is null in what was decoded).
    var fastCurve: [Double]?

    enum CodingKeys: String, CodingKey {
        case id, params, curve, steps, direction, metrics, labels, group
    }

    init(_ r: CurveRecord) {
        id = .string(r.id)
        params = r.params
        curve = r.curve.map { $0.isFinite ? $0 : nil }
        steps = r.steps
        direction = r.direction
        metrics = r.metrics.isEmpty ? nil : r.metrics.mapValues { $0.map { $0.isFinite ? $0 : nil } }
        labels = r.labels.isEmpty ? nil : r.labels
        group = r.group.map(CurveJSON.string)
    }

    func record(source: String, line: Int) throws(CurveDatasetError) -> CurveRecord {
        guard let values = fastCurve ?? curve?.map({ $0 ?? .nan }) else {
            throw .malformed(source: source, line: line, reason: "missing field 'curve'; expected {\"id\": ..., \"curve\": [numbers or null], ...}")
        }
        let idText: String
        switch id {
        case .string(let s): idText = s
        case .number: idText = id.description
        default: throw .malformed(source: source, line: line, reason: "id must be a string or a number, got \(id)")
        }
        if let steps {
            guard steps.count == values.count else {
                throw .malformed(
                    source: source, line: line,
                    reason: "steps has \(steps.count) entries but curve has \(values.count); they must match")
            }
            for i in steps.indices.dropFirst() where steps[i] <= steps[i - 1] {
                throw .malformed(source: source, line: line, reason: "steps must increase, got \(steps[i - 1]) then \(steps[i])")
            }
            if let first = steps.first, first < 0 {
                throw .malformed(source: source, line: line, reason: "steps must be >= 0, got \(first)")
            }
        }
        let groupText: String?
        switch group {
        case nil, .null?: groupText = nil
        case .string(let s)?: groupText = s
        case .number?: groupText = group?.description
        default: throw .malformed(source: source, line: line, reason: "group must be a string or a number, got \(group!)")
        }
        if let direction, direction != "maximize", direction != "minimize" {
            throw .malformed(source: source, line: line, reason: "direction must be \"maximize\" or \"minimize\", got \"\(direction)\"")
        }
        return CurveRecord(
            id: idText, params: params ?? [:], curve: values, steps: steps, direction: direction,
            metrics: (metrics ?? [:]).mapValues { $0.map { $0 ?? .nan } }, labels: labels ?? [:], group: groupText)
    }
}

/// Why a curve dataset could not be read.
public enum CurveDatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case malformed(source: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path): return "cannot read curve dataset '\(path)': no such file or not readable"
        case .malformed(let source, let line, let reason): return "\(source):\(line): \(reason)"
        }
    }
}
