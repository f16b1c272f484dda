import Foundation
import SweepML

/// Reads a labelled dataset from CSV text: comma-separated rows, one sample a row, the label in
/// one column (the last by default) and numbers in every other column.
///
/// The header is optional: by default the first row is a header when one of its feature fields is
/// not a number. Blank lines are skipped; fields are trimmed and may be wrapped in double quotes
/// (without embedded commas). Labels are any text; classes are numbered in sorted label order
/// (numerically when every label is a number).
public enum CSVDataset {
    /// Reads the file at `path`.
    /// - Parameters:
    ///   - labelColumn: the 1-based label column; nil for the last.
    ///   - header: whether the first row is a header; nil to detect it.
    /// - Throws: `RoutingDataError` naming the file, line and column of the problem.
    public static func load(path: String, labelColumn: Int? = nil, header: Bool? = nil) throws(RoutingDataError) -> LabelledDataset {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(file: path, reason: error.localizedDescription)
        }
        return try parse(text, file: path, labelColumn: labelColumn, header: header)
    }

    /// Parses CSV `text`; `file` names it in errors.
    public static func parse(_ text: String, file: String, labelColumn: Int? = nil, header: Bool? = nil) throws(RoutingDataError) -> LabelledDataset {
        var rows: [(line: Int, fields: [String])] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy(\.isWhitespace) { continue }
            rows.append((lineNumber, line.split(separator: ",", omittingEmptySubsequences: false).map(field)))
        }
        guard let first = rows.first else { throw .empty(file: file) }
        let columns = first.fields.count
        let label = (labelColumn ?? columns) - 1
        guard (0..<columns).contains(label) else {
            throw .labelColumn(file: file, column: label + 1, columns: columns)
        }
        guard columns >= 2 else { throw .unusable(file: file, reason: "expected at least one feature column and a label column") }
        let featureColumns = (0..<columns).filter { $0 != label }
        let firstIsHeader = header ?? featureColumns.contains { Double(first.fields[$0]) == nil }
        var featureNames = featureColumns.map { "x\($0 + 1)" }
        if firstIsHeader {
            featureNames = featureColumns.map { first.fields[$0] }
            rows.removeFirst()
        }
        guard !rows.isEmpty else { throw .empty(file: file) }
        var values: [Double] = []
        values.reserveCapacity(rows.count * featureColumns.count)
        var labelTexts: [String] = []
        for row in rows {
            guard row.fields.count == columns else {
                throw .fieldCount(file: file, line: row.line, expected: columns, got: row.fields.count)
            }
            for j in featureColumns {
                guard let x = Double(row.fields[j]), x.isFinite else {
                    throw .notANumber(file: file, line: row.line, column: j + 1, value: row.fields[j])
                }
                values.append(x)
            }
            labelTexts.append(row.fields[label])
        }
        let classNames = sortedClassNames(Set(labelTexts))
        guard classNames.count >= 2 else {
            throw .unusable(file: file, reason: "expected at least 2 classes in column \(label + 1), found \(classNames.count)")
        }
        let index = Dictionary(uniqueKeysWithValues: classNames.enumerated().map { ($1, $0) })
        return LabelledDataset(
            features: Matrix(rows: rows.count, columns: featureColumns.count, values: values),
            labels: labelTexts.map { index[$0] ?? 0 }, classNames: classNames, featureNames: featureNames)
    }

    static func field(_ raw: Substring) -> String {
        var s = raw.drop(while: \.isWhitespace)
        while let last = s.last, last.isWhitespace { s = s.dropLast() }
        if s.count >= 2, s.first == "\"", s.last == "\"" { s = s.dropFirst().dropLast() }
        return String(s)
    }

    static func sortedClassNames(_ names: Set<String>) -> [String] {
        if names.allSatisfy({ Double($0) != nil }) {
            return names.sorted { (Double($0) ?? 0) < (Double($1) ?? 0) }
        }
        return names.sorted()
    }
}
