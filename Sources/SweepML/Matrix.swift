/// A dense row-major matrix of doubles: the labs' contiguous numeric value type.
///
/// Element `(i, j)` lives at `values[i * columns + j]`. A vector is a plain `[Double]`, or a matrix
/// with one column when it has to travel with its shape. Products use unsafe buffer pointers and
/// wrapping index arithmetic; see `Matrix+Products.swift`.
public struct Matrix: Sendable, Hashable, Codable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The elements in row-major order (`rows * columns` of them).
    public var values: [Double]

    /// A `rows` × `columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.values = [Double](repeating: value, count: rows * columns)
    }

    /// A matrix over existing row-major `values` (`values.count == rows * columns`).
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "Matrix needs rows * columns values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix from equally long rows.
    public init(_ rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "Matrix rows must have equal lengths")
        self.init(rows: rowArrays.count, columns: columns, values: rowArrays.flatMap { $0 })
    }

    /// The `n` × `n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.values[i &* n &+ i] = 1 }
        return m
    }

    /// Element `(row, column)`.
    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { values[row &* columns &+ column] }
        set { values[row &* columns &+ column] = newValue }
    }

    /// A copy of row `i`.
    public func row(_ i: Int) -> [Double] {
        Array(values[(i &* columns)..<(i &* columns &+ columns)])
    }

    /// Replaces row `i` with `newRow` (of length `columns`).
    public mutating func setRow(_ i: Int, to newRow: [Double]) {
        precondition(newRow.count == columns, "Row length \(newRow.count) does not match \(columns) columns")
        values.replaceSubrange((i &* columns)..<(i &* columns &+ columns), with: newRow)
    }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for i in 0..<rows {
            for j in 0..<columns { t.values[j &* rows &+ i] = values[i &* columns &+ j] }
        }
        return t
    }
}
