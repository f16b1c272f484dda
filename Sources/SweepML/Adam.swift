#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Adam (Kingma & Ba, 2015): per-parameter step sizes from bias-corrected first and second
/// moment estimates of the gradient.
public struct Adam: Optimizer {
    /// The step size α.
    public var learningRate: Double
    /// Decay of the first moment (β₁).
    public var beta1: Double
    /// Decay of the second moment (β₂).
    public var beta2: Double
    /// The denominator's ε.
    public var epsilon: Double
    private var m: [Double] = []
    private var v: [Double] = []
    /// Steps taken so far.
    public private(set) var stepCount = 0

    /// An Adam optimiser with the usual defaults.
    public init(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public mutating func step(_ parameters: inout [Double], gradient: [Double]) {
        precondition(parameters.count == gradient.count, "Adam: gradient and parameters differ in length")
        let n = parameters.count
        if m.count != n {
            m = [Double](repeating: 0, count: n)
            v = [Double](repeating: 0, count: n)
            stepCount = 0
        }
        stepCount += 1
        let (b1, b2, eps) = (beta1, beta2, epsilon)
        let correction1 = 1 - _mlPow(b1, Double(stepCount))
        let correction2 = 1 - _mlPow(b2, Double(stepCount))
        let stepSize = learningRate * correction2.squareRoot() / correction1
        let epsHat = eps * correction2.squareRoot()
        gradient.withBase { g in
            parameters.withMutableBase { p in
                m.withMutableBase { mp in
                    v.withMutableBase { vp in
                        for i in 0..<n {
                            let gi = g[i]
                            mp[i] = b1 * mp[i] + (1 - b1) * gi
                            vp[i] = b2 * vp[i] + (1 - b2) * gi * gi
                            p[i] -= stepSize * mp[i] / (vp[i].squareRoot() + epsHat)
                        }
                    }
                }
            }
        }
    }
}

@inline(__always) func _mlPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
