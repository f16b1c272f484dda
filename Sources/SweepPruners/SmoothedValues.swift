import Foundation
import SweepCore
import SweepCurves

/// What `smoothed` and `extrapolate` read off curves: trailing means, local noise, orientation.
enum SmoothedValues {
    /// The finite values of a curve in step order with their steps.
    static func finitePrefix(_ curve: MetricCurve) -> (steps: [Int], values: [Double]) {
        var steps: [Int] = []
        var values: [Double] = []
        steps.reserveCapacity(curve.count)
        values.reserveCapacity(curve.count)
        for (s, v) in zip(curve.steps, curve.values) where v.isFinite {
            steps.append(s)
            values.append(v)
        }
        return (steps, values)
    }

    /// True when the last `count` reports (by step) are all NaN: the trial diverged.
    static func endsInNaN(_ curve: MetricCurve, count: Int = 2) -> Bool {
        guard curve.count >= count else { return false }
        return curve.values.suffix(count).allSatisfy(\.isNaN)
    }

    /// The mean of the last `window` finite values of `curve` at steps `<= step`, and how many
    /// values it averaged (nil when there are none).
    static func trailingMean(_ curve: MetricCurve, atStep step: Int, window: Int) -> (mean: Double, count: Int)? {
        let steps = curve.steps
        let values = curve.values
        // The last index with steps[i] <= step.
        var lo = 0
        var hi = steps.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if steps[mid] <= step { lo = mid + 1 } else { hi = mid }
        }
        var i = lo - 1
        var sum = 0.0
        var n = 0
        while i >= 0, n < window {
            if values[i].isFinite {
                sum += values[i]
                n += 1
            }
            i -= 1
        }
        return n > 0 ? (sum / Double(n), n) : nil
    }

    /// The noise level of the last `span` values (the robust difference estimate of `Smoothing`).
    static func localNoise(_ values: ArraySlice<Double>) -> Double {
        Smoothing.noiseLevel(Array(values))
    }

    /// The peers' threshold at the trial's latest steps: the mean, over `steps` (the trial's last
    /// `window` steps), of the complete trials' `percentile` at each step (as in
    /// `PercentilePruner`: 25 keeps the best quarter), oriented so that larger is better; nil when
    /// no complete trial reported those steps. Reads only the index's per-step order statistics.
    static func peerThreshold(_ study: StudyIndex, steps: ArraySlice<Int>, percentile: Double) -> Double? {
        let direction = study.direction
        let q = direction == .maximize ? 100 - percentile : percentile
        var sum = 0.0
        var n = 0
        for s in steps {
            if let v = study.statistics(atStep: s).values.percentile(q), v.isFinite {
                sum += oriented(v, direction)
                n += 1
            }
        }
        return n > 0 ? sum / Double(n) : nil
    }

    /// The worst oriented trailing mean at `step` among the winners: the best `top` percent of
    /// the complete trials, at least `minimum`, as far as the winners' book holds them.
    static func winnersEnvelope(
        _ book: SmoothedWinners, completed: Int, atStep step: Int, window: Int, direction: Direction, top: Double,
        minimum: Int
    ) -> Double? {
        let count = Swift.max(minimum, Int((Double(completed) * top / 100).rounded(.up)))
        var envelope: Double?
        for w in book.top(count) {
            guard let last = w.curve.lastStep, last >= step else { continue }
            if let m = trailingMean(w.curve, atStep: step, window: window) {
                let v = oriented(m.mean, direction)
                envelope = Swift.min(envelope ?? v, v)
            }
        }
        return envelope
    }

    /// `+v` when maximizing, `−v` when minimizing: larger is better.
    @inline(__always)
    static func oriented(_ v: Double, _ direction: Direction) -> Double { direction == .maximize ? v : -v }
}

/// `3.14159` as `3.142`: numbers in reasons, with 4 significant digits.
func shortNumber(_ v: Double) -> String {
    guard v.isFinite else { return "\(v)" }
    return String(format: "%.4g", v)
}
