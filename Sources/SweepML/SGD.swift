/// Stochastic gradient descent with optional momentum and L2 weight decay.
public struct SGD: Optimizer {
    /// The step size.
    public var learningRate: Double
    /// The momentum coefficient in [0, 1); 0 is plain SGD.
    public var momentum: Double
    /// L2 penalty coefficient added to the gradient as `weightDecay · θ`.
    public var weightDecay: Double
    private var velocity: [Double] = []

    /// An SGD optimiser.
    public init(learningRate: Double, momentum: Double = 0, weightDecay: Double = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    public mutating func step(_ parameters: inout [Double], gradient: [Double]) {
        precondition(parameters.count == gradient.count, "SGD: gradient and parameters differ in length")
        let n = parameters.count
        let (lr, mu, wd) = (learningRate, momentum, weightDecay)
        if mu == 0 {
            gradient.withBase { g in
                parameters.withMutableBase { p in
                    for i in 0..<n { p[i] -= lr * (g[i] + wd * p[i]) }
                }
            }
            return
        }
        if velocity.count != n { velocity = [Double](repeating: 0, count: n) }
        gradient.withBase { g in
            parameters.withMutableBase { p in
                velocity.withMutableBase { v in
                    for i in 0..<n {
                        v[i] = mu * v[i] + g[i] + wd * p[i]
                        p[i] -= lr * v[i]
                    }
                }
            }
        }
    }
}
