/// The measures of one learning curve: final and best values, area, noise, rate of learning,
/// onset, plateau and a suggested early-stop step.
///
/// Every measure is direction-aware: "rises", "improves" and "best" mean "goes up" for
/// `.maximize` and "goes down" for `.minimize`. Every measure ignores NaN values (they are
/// reported values that are not numbers); a curve without finite values has NaN values and nil
/// steps. Steps are the record's real step numbers.
///
/// The shape measures work on the *smoothed* curve `s` (by default
/// ``Smoothing/automaticCentered(count:)``, a centered mean over about a tenth of the curve)
/// and use these quantities, all in the improving direction:
/// - `start` = the first finite value of `s`; `peak` = the best value of `s`;
///   `gain` = `peak - start` (≥ 0).
/// - `noise` = ``Smoothing/noiseLevel(_:)`` of the raw values.
/// - `tolerance` = `max(noise, 0.02 · range(s), 1e-9 · max(1, |peak|))`: how close counts as
///   "the same level" (the last term only absorbs rounding).
/// - The curve *learns* when `gain > max(2 · noise, 1e-12 · max(1, |start|))`.
public struct CurveMeasures: Sendable, Hashable {
    public var direction: CurveDirection
    /// How many values are finite.
    public var count: Int
    /// The last finite value and its step.
    public var final: Double
    public var finalStep: Int?
    /// The largest finite value and the step where it first occurs.
    public var maximum: Double
    public var maximumStep: Int?
    /// The smallest finite value and the step where it first occurs.
    public var minimum: Double
    public var minimumStep: Int?
    /// The area under the curve normalised per step: the trapezoid-rule area of the finite
    /// values over their real steps divided by `lastStep - firstStep` (the step-weighted mean
    /// value). A single finite value is its own area.
    public var area: Double
    /// The noise level: ``Smoothing/noiseLevel(_:)`` of the raw values.
    public var noise: Double
    /// The best value of the smoothed curve (`peak`, in the curve's units; NaN without finite values).
    public var smoothedBest: Double
    /// `peak - start` of the smoothed curve in the improving direction (≥ 0).
    public var gain: Double
    /// Rate of learning, in value per step, in the improving direction: the smoothed curve's
    /// average improvement on its way to half its gain, `(gain / 2) / (halfwayStep - firstStep)`,
    /// where `halfwayStep` is the first step where `s - start ≥ gain / 2`. 0 when the curve does
    /// not learn; when half the gain is there at the first step, the denominator is the first
    /// step spacing (1 for a one-value curve).
    public var rate: Double
    /// The first step where the smoothed curve reaches half of its gain (nil when it does not learn).
    public var halfwayStep: Int?
    /// Where learning starts: the first step where the smoothed curve has improved on its start
    /// by at least `max(0.1 · gain, noise)`. Nil when the curve does not learn.
    public var onsetStep: Int?
    /// The inflection point: the step where the smoothed curve improves fastest (the largest
    /// `(s[i+1] - s[i]) / (step[i+1] - step[i])`, first if tied). Nil when the curve does not learn.
    public var inflectionStep: Int?
    /// Where the curve levels off: the first step from which every later smoothed value stays
    /// within `tolerance` of the last smoothed value. Nil without finite values.
    public var plateauStep: Int?
    /// The suggested early-stop step: the first step after which the smoothed curve never again
    /// improves on its best so far by more than `tolerance`. Stopping there loses at most
    /// `tolerance` of smoothed performance. Nil without finite values.
    public var stopStep: Int?
    /// The smoothed curve (same length as the input; NaN where the input is NaN).
    public var smoothed: [Double]

    /// The best finite value in this direction (maximum or minimum).
    public var best: Double { direction == .maximize ? maximum : minimum }
    /// The step of ``best``.
    public var bestStep: Int? { direction == .maximize ? maximumStep : minimumStep }

    /// Measures `values` at `steps` (nil means 0..<values.count).
    /// - Parameters:
    ///   - steps: increasing step numbers, as many as values; nil for 0..<values.count.
    ///   - smoothing: the smoother for the shape measures; nil for
    ///     ``Smoothing/automaticCentered(count:)``.
    ///
    /// Values as large as ±1e308 are measured without overflow (see `CurveScale`); a measure
    /// beyond `Double`'s range (the gain of a curve from -1e308 to 1e308) saturates at
    /// ±`Double.greatestFiniteMagnitude`.
    public init(values: [Double], steps: [Int]? = nil, direction: CurveDirection = .maximize, smoothing: Smoothing? = nil) {
        let scale = CurveScale(values)
        self.init(unscaled: scale.down(values), steps: steps, direction: direction, smoothing: smoothing)
        guard !scale.isIdentity else { return }
        let finite = values.filter(\.isFinite)
        final = finite.last ?? .nan
        maximum = finite.max() ?? .nan
        minimum = finite.min() ?? .nan
        area = scale.up(area)
        noise = scale.up(noise)
        smoothedBest = scale.up(smoothedBest)
        gain = scale.up(gain)
        rate = scale.up(rate)
        smoothed = smoothed.map(scale.up)
    }

    private init(unscaled values: [Double], steps: [Int]?, direction: CurveDirection, smoothing: Smoothing?) {
        let stepOf: (Int) -> Int = { steps?[$0] ?? $0 }
        self.direction = direction
        let smoother = smoothing ?? Smoothing.automaticCentered(count: values.count)
        smoothed = smoother.apply(values)
        noise = Smoothing.noiseLevel(values)
        let idx = values.indices.filter { values[$0].isFinite }
        count = idx.count
        final = idx.last.map { values[$0] } ?? .nan
        finalStep = idx.last.map(stepOf)
        maximum = .nan
        minimum = .nan
        for i in idx {
            if !(values[i] <= maximum) { maximum = values[i]; maximumStep = stepOf(i) }
            if !(values[i] >= minimum) { minimum = values[i]; minimumStep = stepOf(i) }
        }
        area = CurveMeasures.area(values, steps: steps)
        gain = 0
        rate = 0
        smoothedBest = .nan
        guard let first = idx.first else { return }

        // Oriented smoothed values at the finite positions: larger is better.
        let sign = direction.sign
        let s = idx.map { sign * smoothed[$0] }
        let st = idx.map(stepOf)
        let start = s[0]
        let peak = s.max() ?? start
        let low = s.min() ?? start
        gain = max(0, peak - start)
        smoothedBest = sign * peak
        let tolerance = max(noise, 0.02 * (peak - low), 1e-9 * max(1, abs(peak)))
        let learns = gain > max(2 * noise, 1e-12 * max(1, abs(start)))

        // Plateau: the first position from which all later values stay within tolerance of the last.
        let last = s[s.count - 1]
        var plateau = s.count - 1
        while plateau > 0, abs(s[plateau - 1] - last) <= tolerance { plateau -= 1 }
        plateauStep = st[plateau]

        // Stop: the first position whose best so far is within tolerance of the overall best.
        var bestSoFar = -Double.infinity
        for (k, v) in s.enumerated() {
            bestSoFar = max(bestSoFar, v)
            if peak - bestSoFar <= tolerance { stopStep = st[k]; break }
        }

        guard learns else { return }
        let halfway = s.firstIndex { $0 - start >= gain / 2 } ?? 0
        halfwayStep = st[halfway]
        let span = halfway > 0 ? Double(st[halfway]) - Double(stepOf(first)) : (st.count > 1 ? Double(st[1]) - Double(st[0]) : 1)
        rate = (gain / 2) / span
        let onsetThreshold = max(0.1 * gain, noise)
        onsetStep = s.firstIndex { $0 - start >= onsetThreshold }.map { st[$0] }
        var steepest = -Double.infinity
        for k in 0..<(s.count - 1) {
            let slope = (s[k + 1] - s[k]) / (Double(st[k + 1]) - Double(st[k]))
            if slope > steepest { steepest = slope; inflectionStep = st[k] }
        }
    }

    /// Measures a record's curve in its direction (maximize when it says nothing).
    public init(_ record: CurveRecord, smoothing: Smoothing? = nil) {
        self.init(values: record.curve, steps: record.steps, direction: CurveDirection(record), smoothing: smoothing)
    }

    /// The area under the curve normalised per step (see ``area``).
    public static func area(_ values: [Double], steps: [Int]? = nil) -> Double {
        let scale = CurveScale(values)
        return scale.up(unscaledArea(scale.down(values), steps: steps))
    }

    private static func unscaledArea(_ values: [Double], steps: [Int]?) -> Double {
        let idx = values.indices.filter { values[$0].isFinite }
        guard let first = idx.first, let last = idx.last else { return .nan }
        let stepOf: (Int) -> Double = { Double(steps?[$0] ?? $0) }
        guard idx.count > 1, stepOf(last) > stepOf(first) else { return values[first] }
        var total = 0.0
        for k in 1..<idx.count {
            let a = idx[k - 1], b = idx[k]
            total += (values[a] + values[b]) / 2 * (stepOf(b) - stepOf(a))
        }
        return total / (stepOf(last) - stepOf(first))
    }

    /// The best-so-far curve: at each position the best finite value up to it in `direction`.
    /// Positions before the first finite value are NaN; a NaN later keeps the best so far.
    public static func bestSoFar(_ values: [Double], direction: CurveDirection = .maximize) -> [Double] {
        var best = Double.nan
        return values.map { x in
            if direction.isBetter(x, than: best) { best = x }
            return best
        }
    }
}
