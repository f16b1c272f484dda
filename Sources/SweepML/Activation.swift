#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An elementwise nonlinearity, with its derivative written in terms of the activation's output
/// (what backprop keeps around).
public enum Activation: String, Sendable, Codable, CaseIterable {
    /// The identity (a linear layer).
    case identity
    /// The hyperbolic tangent.
    case tanh
    /// The rectified linear unit `max(0, x)`.
    case relu
    /// The logistic sigmoid `1 / (1 + e^-x)`.
    case sigmoid

    /// The activation of `x`.
    @inlinable
    public func apply(_ x: Double) -> Double {
        switch self {
        case .identity: x
        case .tanh: _mlTanh(x)
        case .relu: x > 0 ? x : 0
        case .sigmoid: Activation.logistic(x)
        }
    }

    /// The derivative at the input whose activation is `y`.
    @inlinable
    public func derivative(output y: Double) -> Double {
        switch self {
        case .identity: 1
        case .tanh: 1 - y * y
        case .relu: y > 0 ? 1 : 0
        case .sigmoid: y * (1 - y)
        }
    }

    /// Applies the activation to every entry of `x` in place.
    @inlinable
    public func apply(to x: inout [Double]) {
        if self == .identity { return }
        for i in x.indices { x[i] = apply(x[i]) }
    }

    /// A numerically stable logistic sigmoid.
    @inlinable
    public static func logistic(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + _mlExp(-x)) }
        let e = _mlExp(x)
        return e / (1 + e)
    }
}

@usableFromInline @inline(__always) func _mlTanh(_ x: Double) -> Double { tanh(x) }
@usableFromInline @inline(__always) func _mlExp(_ x: Double) -> Double { exp(x) }
