/// The measures of one curve as plain optional numbers, for JSON and tables (NaN is nil).
public struct CurveSummary: Sendable, Hashable, Codable {
    public var direction: CurveDirection
    public var count: Int
    public var final: Double?
    public var finalStep: Int?
    public var best: Double?
    public var bestStep: Int?
    public var maximum: Double?
    public var maximumStep: Int?
    public var minimum: Double?
    public var minimumStep: Int?
    public var auc: Double?
    public var noise: Double?
    public var gain: Double?
    public var rate: Double?
    public var halfwayStep: Int?
    public var onsetStep: Int?
    public var inflectionStep: Int?
    public var plateauStep: Int?
    public var stopStep: Int?

    enum CodingKeys: String, CodingKey {
        case direction, count, final, best, maximum, minimum, auc, noise, gain, rate
        case finalStep = "final_step", bestStep = "best_step", maximumStep = "maximum_step"
        case minimumStep = "minimum_step", halfwayStep = "halfway_step", onsetStep = "onset_step"
        case inflectionStep = "inflection_step", plateauStep = "plateau_step", stopStep = "stop_step"
    }

    /// The summary of `m`, numbers rounded to `digits` significant digits.
    public init(_ m: CurveMeasures, digits: Int = 6) {
        let r = { (x: Double) in NumberText.rounded(x, digits: digits) }
        direction = m.direction
        count = m.count
        final = r(m.final)
        finalStep = m.finalStep
        best = r(m.best)
        bestStep = m.bestStep
        maximum = r(m.maximum)
        maximumStep = m.maximumStep
        minimum = r(m.minimum)
        minimumStep = m.minimumStep
        auc = r(m.area)
        noise = r(m.noise)
        gain = r(m.gain)
        rate = r(m.rate)
        halfwayStep = m.halfwayStep
        onsetStep = m.onsetStep
        inflectionStep = m.inflectionStep
        plateauStep = m.plateauStep
        stopStep = m.stopStep
    }

    /// The measures as `(name, text)` lines for a person: values with their steps.
    public func lines(digits: Int = 4) -> [(name: String, text: String)] {
        let v = { (x: Double?) in NumberText.text(x, digits: digits) }
        let at = { (x: Double?, s: Int?) in v(x) + (s.map { " at step \($0)" } ?? "") }
        let step = { (s: Int?) in s.map(String.init) ?? "-" }
        return [
            ("direction", direction.rawValue), ("finite values", String(count)),
            ("final", at(final, finalStep)), ("best", at(best, bestStep)),
            ("maximum", at(maximum, maximumStep)), ("minimum", at(minimum, minimumStep)),
            ("auc (per step)", v(auc)), ("noise", v(noise)), ("gain", v(gain)),
            ("rate (per step)", v(rate)), ("halfway step", step(halfwayStep)), ("onset step", step(onsetStep)),
            ("inflection step", step(inflectionStep)), ("plateau step", step(plateauStep)),
            ("suggested stop step", step(stopStep)),
        ]
    }
}
