/// Whether larger or smaller values of a curve are better.
public enum CurveDirection: String, Sendable, Hashable, Codable, CaseIterable {
    case maximize
    case minimize

    /// The direction a record states, `.maximize` when it says nothing.
    public init(_ record: CurveRecord) {
        self = record.direction.flatMap(CurveDirection.init(rawValue:)) ?? .maximize
    }

    /// +1 for maximize, -1 for minimize: multiply a value by this to get "larger is better".
    public var sign: Double { self == .maximize ? 1 : -1 }

    /// Whether `a` is strictly better than `b`. NaN is never better than anything.
    public func isBetter(_ a: Double, than b: Double) -> Bool {
        guard a.isFinite else { return false }
        guard b.isFinite else { return true }
        return self == .maximize ? a > b : a < b
    }
}
