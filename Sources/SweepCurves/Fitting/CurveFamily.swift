import Foundation

/// A parametric learning-curve family, written as `y = c + a · g(u; θ)`.
///
/// `c` and `a` enter linearly (any sign, so one family fits rising accuracy and falling loss
/// alike); `θ` holds 0 to 2 shape parameters, each kept inside bounds. For the saturating
/// families `g → 0` as `u → ∞`, so `c` is the asymptote. `u = x / scale` is the normalised time,
/// with `x = step + 1` and `scale` the last observed `x`, so the observed prefix spans `(0, 1]`.
///
/// The families follow Domhan et al. (2015), "Speeding up automatic hyperparameter optimization
/// of deep neural networks by extrapolation of learning curves", rewritten in this linear-plus-
/// shape form so that the linear part can be solved exactly (variable projection).
public enum CurveFamily: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `c + a·u^(−α)`: power law with 3 parameters.
    case pow3
    /// `c + a·(u + b)^(−α)`: power law with an offset.
    case pow4
    /// `c + a·exp(−b·u)`: exponential approach to an asymptote.
    case exp3
    /// `c + a·ln(u)`: logarithmic growth, no asymptote (an optimistic family).
    case log2
    /// `c + a / ln(x + 1)`: inverse logarithm of the raw step, a slow approach.
    case ilog2
    /// `c + a·exp(−κ·u^δ)`: Janoschek's growth model.
    case janoschek
    /// `c + a·exp(−(κ·u)^δ)`: Weibull growth.
    case weibull
    /// `c + a / (1 + (κ·u)^δ)`: Morgan–Mercer–Flodin.
    case mmf

    public var description: String { rawValue }

    /// Number of shape parameters `θ`.
    public var shapeCount: Int {
        switch self {
        case .log2, .ilog2: return 0
        case .pow3, .exp3: return 1
        case .pow4, .janoschek, .weibull, .mmf: return 2
        }
    }

    /// Number of fitted parameters (`c`, `a` and `θ`).
    public var parameterCount: Int { shapeCount + 2 }

    /// The bounds of each shape parameter; all are positive and are searched on a log scale.
    public var shapeBounds: [ClosedRange<Double>] {
        switch self {
        case .log2, .ilog2: return []
        case .pow3: return [0.02...4]
        case .exp3: return [0.02...500]
        case .pow4: return [0.005...10, 0.02...6]
        case .janoschek: return [0.01...1000, 0.15...5]
        case .weibull: return [0.02...500, 0.15...5]
        case .mmf: return [0.02...1000, 0.2...6]
        }
    }

    /// Relative prior weight in an ensemble: Janoschek and Weibull describe the same shapes, so
    /// they share one vote.
    public var priorWeight: Double {
        switch self {
        case .janoschek, .weibull: return 0.5
        default: return 1
        }
    }

    /// `g(u; θ)` at normalised time `u` (`x = u · scale` is the raw `step + 1`).
    @inlinable
    public func basis(_ u: Double, scale: Double, _ t0: Double, _ t1: Double) -> Double {
        switch self {
        case .pow3: return Foundation.pow(u, -t0)
        case .pow4: return Foundation.pow(u + t0, -t1)
        case .exp3: return Foundation.exp(-t0 * u)
        case .log2: return Foundation.log(u)
        case .ilog2: return 1 / Foundation.log(u * scale + 1)
        case .janoschek: return Foundation.exp(-t0 * Foundation.pow(u, t1))
        case .weibull: return Foundation.exp(-Foundation.pow(t0 * u, t1))
        case .mmf: return 1 / (1 + Foundation.pow(t0 * u, t1))
        }
    }
}
