/// The metric values a trial reported at one step.
public struct StepReport: Sendable, Hashable {
    public var step: Int
    public var metrics: [String: Double]

    public init(step: Int, metrics: [String: Double]) {
        self.step = step
        self.metrics = metrics
    }
}
