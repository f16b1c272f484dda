/// How to draw a layer's initial weights from a `RandomGenerator`.
public enum Initialization: String, Sendable, Codable, CaseIterable {
    /// All zeros (fine for convex models such as logistic regression).
    case zeros
    /// Glorot/Xavier uniform: `U(-a, a)` with `a = √(6 / (fanIn + fanOut))`; for tanh and sigmoid.
    case xavier
    /// He normal: `N(0, 2 / fanIn)`; for ReLU.
    case he

    /// The sensible default for `activation`.
    public static func suited(to activation: Activation) -> Initialization {
        activation == .relu ? .he : .xavier
    }

    /// Fills `values[range]` with draws for a layer with the given fan-in and fan-out.
    public func fill(
        _ values: inout [Double], range: Range<Int>, fanIn: Int, fanOut: Int, using rng: inout RandomGenerator
    ) {
        switch self {
        case .zeros:
            for i in range { values[i] = 0 }
        case .xavier:
            let a = (6.0 / Double(max(1, fanIn + fanOut))).squareRoot()
            for i in range { values[i] = (2 * rng.nextUnit() - 1) * a }
        case .he:
            let s = (2.0 / Double(max(1, fanIn))).squareRoot()
            for i in range { values[i] = rng.nextGaussian() * s }
        }
    }

    /// A `rows` × `columns` weight matrix (fan-in = columns, fan-out = rows).
    public func matrix(rows: Int, columns: Int, using rng: inout RandomGenerator) -> Matrix {
        var m = Matrix(rows: rows, columns: columns)
        fill(&m.values, range: 0..<(rows * columns), fanIn: columns, fanOut: rows, using: &rng)
        return m
    }
}
