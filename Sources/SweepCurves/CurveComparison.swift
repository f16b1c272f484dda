/// A comparison of two curves over their last window, with the probability that the first is better.
///
/// Rule: both curves are cut to their common step range (the steps both reached, from the later
/// first step to the earlier last step; when they do not overlap, each keeps its own steps).
/// From each, the last `max(minimumCount, ⌈windowFraction · n⌉)` finite values in that range are
/// taken (`n` = its finite values in the range). A Welch t-test on those raw values compares the
/// means, in the improving direction: `t = (mean(A) - mean(B)) · sign / √(varA/nA + varB/nB)`
/// with the Welch–Satterthwaite degrees of freedom, and `probabilityFirstIsBetter` is the Student
/// t CDF at `t` (a one-sided confidence that A's level in the window is better than B's).
/// When both windows have zero variance the probability is 1, 0 or 0.5 by the sign of the
/// difference. A curve without finite values loses (probability 0 or 1; 0.5 when both have none).
public struct CurveComparison: Sendable, Hashable {
    /// Confidence that the first curve is better than the second, in 0...1.
    public var probabilityFirstIsBetter: Double
    /// `mean(A) - mean(B)` over the windows, in the curves' units (not oriented).
    public var meanDifference: Double
    /// The Welch t statistic in the improving direction (NaN when undefined).
    public var t: Double
    /// Welch–Satterthwaite degrees of freedom (NaN when undefined).
    public var degreesOfFreedom: Double
    /// How many values of each curve the window holds.
    public var countFirst: Int
    public var countSecond: Int
    /// The first step of the window (the later of the two curves' window starts), when any.
    public var windowStart: Int?

    /// Compares two records in the first one's direction (see the type's rule).
    public init(_ a: CurveRecord, _ b: CurveRecord, windowFraction: Double = 0.2, minimumCount: Int = 5) {
        self.init(
            a: a.curve, stepsA: a.steps, b: b.curve, stepsB: b.steps, direction: CurveDirection(a),
            windowFraction: windowFraction, minimumCount: minimumCount)
    }

    /// Compares two curves given as values and optional steps (see the type's rule).
    public init(
        a: [Double], stepsA: [Int]? = nil, b: [Double], stepsB: [Int]? = nil, direction: CurveDirection = .maximize,
        windowFraction: Double = 0.2, minimumCount: Int = 5
    ) {
        let pa = CurveComparison.points(a, stepsA)
        let pb = CurveComparison.points(b, stepsB)
        var lo = Int.min, hi = Int.max
        if let fa = pa.first, let fb = pb.first, let la = pa.last, let lb = pb.last, max(fa.step, fb.step) <= min(la.step, lb.step) {
            lo = max(fa.step, fb.step)
            hi = min(la.step, lb.step)
        }
        let wa = CurveComparison.window(pa, lo, hi, windowFraction, minimumCount)
        let wb = CurveComparison.window(pb, lo, hi, windowFraction, minimumCount)
        countFirst = wa.count
        countSecond = wb.count
        windowStart = [wa.first?.step, wb.first?.step].compactMap { $0 }.max()
        t = .nan
        degreesOfFreedom = .nan
        guard !wa.isEmpty, !wb.isEmpty else {
            meanDifference = .nan
            probabilityFirstIsBetter = wa.isEmpty == wb.isEmpty ? 0.5 : (wa.isEmpty ? 0 : 1)
            return
        }
        // Squares of values beyond 2^512 overflow: scale both windows alike (t does not change).
        let scale = CurveScale(wa.map(\.value) + wb.map(\.value), limit: 500)
        let (ma, va) = CurveComparison.meanVariance(scale.down(wa.map(\.value)))
        let (mb, vb) = CurveComparison.meanVariance(scale.down(wb.map(\.value)))
        meanDifference = scale.up(ma - mb)
        let diff = direction.sign * (ma - mb)
        let ea = va / Double(wa.count), eb = vb / Double(wb.count)
        let se2 = ea + eb
        guard se2 > 0 else {
            probabilityFirstIsBetter = diff > 0 ? 1 : (diff < 0 ? 0 : 0.5)
            return
        }
        t = diff / se2.squareRoot()
        var denominator = 0.0
        if wa.count > 1 { denominator += ea * ea / Double(wa.count - 1) }
        if wb.count > 1 { denominator += eb * eb / Double(wb.count - 1) }
        degreesOfFreedom = denominator > 0 ? se2 * se2 / denominator : 1
        probabilityFirstIsBetter = StudentT.cdf(t, df: degreesOfFreedom)
    }

    private static func points(_ values: [Double], _ steps: [Int]?) -> [(step: Int, value: Double)] {
        values.indices.compactMap { i in values[i].isFinite ? (steps?[i] ?? i, values[i]) : nil }
    }

    private static func window(
        _ p: [(step: Int, value: Double)], _ lo: Int, _ hi: Int, _ fraction: Double, _ minimum: Int
    ) -> [(step: Int, value: Double)] {
        let inRange = p.filter { $0.step >= lo && $0.step <= hi }
        let fractionCount = Int((max(0, min(1, fraction)) * Double(inRange.count)).rounded(.up))
        return Array(inRange.suffix(max(1, minimum, fractionCount)))
    }

    private static func meanVariance(_ x: [Double]) -> (Double, Double) {
        let mean = x.reduce(0, +) / Double(x.count)
        guard x.count > 1 else { return (mean, 0) }
        let v = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)
        return (mean, v)
    }
}
