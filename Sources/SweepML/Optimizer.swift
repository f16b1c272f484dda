/// A first-order optimiser: moves a flat parameter vector against a gradient of the same layout.
///
/// Every SweepML model keeps its trainable parameters in one flat `[Double]` (see each model's
/// `parameters`), so one optimiser value serves one model. Stateful optimisers (Adam) size their
/// state on the first step.
public protocol Optimizer: Sendable {
    /// Takes one descent step: `parameters -= f(gradient)`.
    mutating func step(_ parameters: inout [Double], gradient: [Double])
}

extension Optimizer {
    /// Takes one step after scaling `gradient` down so its norm is at most `maxNorm`.
    public mutating func step(_ parameters: inout [Double], gradient: [Double], clippingNorm maxNorm: Double) {
        let norm = Vector.norm(gradient)
        if norm > maxNorm && norm.isFinite {
            let scale = maxNorm / norm
            step(&parameters, gradient: gradient.map { $0 * scale })
        } else {
            step(&parameters, gradient: gradient)
        }
    }
}
