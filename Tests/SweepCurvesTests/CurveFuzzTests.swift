import Foundation
import SweepCurves
import Testing

/// Random curves made of the values that break arithmetic: NaN, ±infinity, ±1e308, the largest
/// and smallest doubles, constants, one point, empty curves.
struct HostileCurves {
    var random: QuizRandom

    init(seed: UInt64) { random = QuizRandom(seed: seed) }

    private static let specials: [Double] = [
        .nan, .infinity, -.infinity, 1e308, -1e308, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        .leastNonzeroMagnitude, -.leastNormalMagnitude, 0, -0.0, 1e-308, 1,
    ]

    mutating func value() -> Double {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return Self.specials.randomElement(using: &random)!
        case 1: return Double.random(in: -1...1, using: &random) * 1e308
        default: return Double.random(in: -1...1, using: &random)
        }
    }

    mutating func curve() -> [Double] {
        let count = [0, 1, 2, 3, 5, 8, 30, 120].randomElement(using: &random)!
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return [Double](repeating: value(), count: count)
        case 1: return (0..<count).map { _ in [Double.nan, 1e308, -1e308].randomElement(using: &random)! }
        default: return (0..<count).map { _ in value() }
        }
    }

    mutating func record(_ id: String) -> CurveRecord {
        let values = curve()
        var steps: [Int]?
        if Bool.random(using: &random) {
            var step = Int.random(in: 0...1_000_000_000_000, using: &random)
            steps = values.map { _ in
                defer { step += Int.random(in: 1...1_000_000_000_000, using: &random) }
                return step
            }
        }
        return CurveRecord(id: id, curve: values, steps: steps, direction: Bool.random(using: &random) ? "maximize" : "minimize")
    }
}

/// Every renderer and measure, over many seeded hostile curves: no trap, and finite answers
/// wherever a curve has a finite value.
@Suite struct CurveFuzzTests {
    static let seeds: [UInt64] = Array(1...8)

    @Test(arguments: seeds)
    func measuresAreFiniteWhereTheCurveIs(seed: UInt64) {
        var g = HostileCurves(seed: seed)
        for k in 0..<300 {
            let r = g.record("c\(k)")
            let finite = r.curve.filter(\.isFinite)
            let m = CurveMeasures(r)
            #expect(m.count == finite.count)
            #expect(m.smoothed.count == r.curve.count)
            if finite.isEmpty {
                #expect(m.final.isNaN && m.finalStep == nil && m.stopStep == nil)
                continue
            }
            let steps = Set(r.curve.indices.map(r.step(at:)))
            #expect(m.final == finite.last && m.maximum == finite.max() && m.minimum == finite.min())
            for x in [m.area, m.noise, m.gain, m.rate, m.smoothedBest] { #expect(x.isFinite, "\(r.curve)") }
            #expect(m.gain >= 0 && m.rate >= 0 && m.noise >= 0)
            for i in r.curve.indices where r.curve[i].isFinite { #expect(m.smoothed[i].isFinite, "\(r.curve)") }
            for s in [m.finalStep, m.maximumStep, m.minimumStep, m.plateauStep, m.stopStep, m.onsetStep, m.halfwayStep, m.inflectionStep] {
                if let s { #expect(steps.contains(s)) }
            }
            #expect(m.plateauStep != nil && m.stopStep != nil)
        }
    }

    @Test(arguments: seeds)
    func smoothersKeepLengthAndFiniteness(seed: UInt64) {
        var g = HostileCurves(seed: seed)
        let smoothers: [Smoothing] = [
            .exponential(weight: 0.9), .exponential(weight: 0.3, debiased: false), .trailing(window: 3),
            .centered(halfWidth: 2), .centered(halfWidth: .max), .trailing(window: .max), .exponential(weight: .nan),
        ]
        for _ in 0..<200 {
            let values = g.curve()
            for smoother in smoothers {
                let out = smoother.apply(values)
                #expect(out.count == values.count)
                for i in values.indices { #expect(out[i].isFinite == values[i].isFinite, "\(smoother) \(values)") }
            }
            #expect(Smoothing.noiseLevel(values).isFinite)
        }
    }

    @Test(arguments: seeds)
    func sparklinesHaveOneCharacterPerBucket(seed: UInt64) {
        var g = HostileCurves(seed: seed)
        let allowed = Set(Sparkline.bars + [" "])
        for _ in 0..<300 {
            let values = g.curve()
            let width = [-3, 0, 1, 7, 40, Int.max].randomElement(using: &g.random)!
            let line = Sparkline.render(values, width: width)
            #expect(line.count == min(max(1, width), values.count))
            #expect(line.allSatisfy { allowed.contains($0) })
            if values.allSatisfy(\.isFinite) { #expect(!line.contains(" ")) }
        }
    }

    @Test(arguments: seeds)
    func everyRenderingRenders(seed: UInt64) throws {
        var g = HostileCurves(seed: seed)
        let records = (0..<12).map { g.record("r\($0)") }
        for format in CurveRendering.Format.allCases {
            let described = CurveRendering.describe(records, rows: 6, format: format)
            #expect(!described.isEmpty)
            for measure in CurveMeasure.allCases {
                let ranked = CurveRanking.rank(records, by: measure)
                #expect(ranked.count == records.count)
                #expect(ranked.allSatisfy { $0.value?.isFinite ?? true })
                #expect(!CurveRendering.ranking(ranked, by: measure, format: format).isEmpty)
                let beside = CurveRendering.besideBest(records[0], peers: Array(records.dropFirst()), k: 3, by: measure, rows: 5, format: format)
                #expect(!beside.isEmpty)
                if format == .json {
                    _ = try JSONSerialization.jsonObject(with: Data(beside.utf8))
                }
            }
            if format == .json {
                // NaN and infinities become null; the whole text is valid JSON.
                _ = try JSONSerialization.jsonObject(with: Data(described.utf8))
            }
        }
    }

    @Test(arguments: seeds)
    func comparisonsAreProbabilities(seed: UInt64) {
        var g = HostileCurves(seed: seed)
        for _ in 0..<300 {
            let c = CurveComparison(g.record("a"), g.record("b"), windowFraction: Double.random(in: -1...2, using: &g.random))
            #expect(c.probabilityFirstIsBetter >= 0 && c.probabilityFirstIsBetter <= 1, "\(c)")
            #expect(!c.meanDifference.isInfinite)
        }
    }

    @Test(arguments: seeds)
    func fitsAreFiniteOrLeftOut(seed: UInt64) {
        var g = HostileCurves(seed: seed)
        let fitter = CurveFitter()
        for _ in 0..<40 {
            let values = g.curve()
            let steps = values.indices.map(Double.init)
            let ensemble = fitter.ensemble(steps: steps, values: values)
            for fit in ensemble.fits { #expect(fit.c.isFinite && fit.a.isFinite && fit.bic.isFinite) }
            if let p = ensemble.prediction(atStep: Double(values.count * 2)) {
                #expect(!p.mean.isNaN && !p.sd.isNaN)
            }
        }
    }

    @Test(arguments: seeds)
    func quizzesOnHostileDatasetsAreMadeOrRefused(seed: UInt64) {
        var g = HostileCurves(seed: seed)
        let records = (0..<10).map { g.record("q\($0)") }
        do {
            let quiz = try CurveQuiz(records: records, count: 12, seed: seed)
            for q in quiz.questions { #expect(!q.prompt.isEmpty) }
        } catch {
            #expect("\(error)".contains("curve"))
        }
    }
}
