import CSV
import Foundation
import SweepSupport

/// Reads a labelled dataset from CSV text: comma-separated rows, one sample a row, the label in
/// one column (the last by default) and numbers in every other column.
///
/// The text is RFC 4180 CSV, read by CSV.swift: a field in double quotes may hold commas, line
/// breaks and quotes (doubled, `""`); lines end in LF or CRLF; spaces around a field are trimmed;
/// blank lines are skipped. Errors name the line a row starts on. The header is optional: by
/// default the first row is a header when one of its feature fields is not a number. Labels are
/// any text; classes are numbered in sorted label order (numerically when every label is a
/// number).
public enum CSVDataset {
    /// Reads the file at `path`.
    /// - Parameters:
    ///   - labelColumn: the 1-based label column; nil for the last.
    ///   - header: whether the first row is a header; nil to detect it.
    ///   - labelName: when the first row has a field with this name (and `labelColumn` is nil),
    ///     that row is the header and that column holds the labels.
    /// - Throws: `DatasetError` naming the file, line and column of the problem.
    public static func load(
        path: String, labelColumn: Int? = nil, header: Bool? = nil, labelName: String? = nil
    ) throws(DatasetError) -> LabelledDataset {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(file: path, reason: error.localizedDescription)
        }
        return try parse(text, file: path, labelColumn: labelColumn, header: header, labelName: labelName)
    }

    /// Parses CSV `text`; `file` names it in errors.
    public static func parse(
        _ text: String, file: String, labelColumn: Int? = nil, header: Bool? = nil, labelName: String? = nil
    ) throws(DatasetError) -> LabelledDataset {
        var rows = try records(in: text, file: file)
        guard let first = rows.first else { throw .empty(file: file) }
        let columns = first.fields.count
        let named = labelColumn == nil && header != false ? labelName.flatMap { first.fields.firstIndex(of: $0) } : nil
        let label = named ?? ((labelColumn ?? columns) - 1)
        guard (0..<columns).contains(label) else {
            throw .labelColumn(file: file, column: label + 1, columns: columns)
        }
        guard columns >= 2 else { throw .unusable(file: file, reason: "expected at least one feature column and a label column") }
        let featureColumns = (0..<columns).filter { $0 != label }
        let firstIsHeader = named != nil || (header ?? featureColumns.contains { Double(first.fields[$0]) == nil })
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

    /// The rows of `text`, each with the 1-based line it starts on (a quoted field's line breaks
    /// move the next row down), blank lines left out.
    static func records(in text: String, file: String) throws(DatasetError) -> [(line: Int, fields: [String])] {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        // CSV.swift trims fields through NSString, which is half of a load on Linux. Text without a
        // quote has no quoted field, so trimming each field here gives the same fields.
        let quoted = body.utf8.contains(UInt8(ascii: "\""))
        let reader: CSVReader
        do {
            reader = try CSVReader(string: body, trimFields: quoted)
        } catch {
            throw .unusable(file: file, reason: "cannot read the CSV: \(error)")
        }
        var rows: [(line: Int, fields: [String])] = []
        var line = 1
        while let read = reader.next() {
            let fields = quoted ? read : read.map { Self.hasOuterSpace($0) ? $0.trimmedSpaces : $0 }
            if fields != [""] { rows.append((line, fields)) }
            line += 1 + fields.reduce(0) { $0 + lineBreaks(in: $1) }
        }
        // RFC 4180 CSV holds an even number of quotes (each quoted field two, each quote inside one
        // two). With an odd number a quoted field was never closed and took in every line after
        // it: the last row.
        if text.utf8.count(where: { $0 == UInt8(ascii: "\"") }) % 2 == 1, let last = rows.last {
            throw .unclosedQuote(file: file, line: last.line)
        }
        return rows
    }

    /// Whether `field` starts or ends with a space or a tab (most numbers do not: no trimming).
    static func hasOuterSpace(_ field: String) -> Bool {
        let utf8 = field.utf8
        guard let first = utf8.first, let last = utf8.last else { return false }
        return first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 || first >= 0x80 || last >= 0x80
    }

    /// Line breaks in a quoted field: LF, CRLF or a lone CR, each one.
    static func lineBreaks(in field: String) -> Int {
        var count = 0
        var afterCR = false
        for byte in field.utf8 {
            if byte == 0x0D || (byte == 0x0A && !afterCR) { count += 1 }
            afterCR = byte == 0x0D
        }
        return count
    }

    static func sortedClassNames(_ names: Set<String>) -> [String] {
        if names.allSatisfy({ Double($0) != nil }) {
            return names.sorted { (Double($0) ?? 0) < (Double($1) ?? 0) }
        }
        return names.sorted()
    }
}
