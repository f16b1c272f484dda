import Foundation

/// A way to smooth a curve: an exponential moving average or a trailing mean.
///
/// Every smoother is NaN-aware in the same way: a non-finite input does not change the running
/// state and its output is NaN (a gap stays visible); outputs before the first finite input are NaN.
/// The output has the same length as the input. Values near ±1e308 are smoothed without
/// overflow (see `CurveScale`).
public enum Smoothing: Sendable, Hashable {
    /// TensorBoard's exponential moving average: `s = weight * s + (1 - weight) * x`.
    /// With `debiased`, the zero start is corrected (divided by `1 - weight^k` after `k` finite
    /// values), so the first output equals the first value. `weight` is in `0..<1`; 0 is no smoothing.
    case exponential(weight: Double, debiased: Bool = true)
    /// The mean of the finite values among the last `window` positions (the value itself and the
    /// `window - 1` before it). `window` ≥ 1; 1 is no smoothing.
    case trailing(window: Int)
    /// The mean of the finite values among the positions `i - halfWidth ... i + halfWidth`
    /// (truncated at the ends). It looks ahead, so it has no lag: use it to analyse a finished
    /// curve, not to judge a running one. `halfWidth` ≥ 0; 0 is no smoothing.
    case centered(halfWidth: Int)

    /// Smooths `values` this way.
    public func apply(_ values: [Double]) -> [Double] {
        switch self {
        case .exponential(let weight, let debiased):
            return Smoothing.exponentialMovingAverage(values, weight: weight, debiased: debiased)
        case .trailing(let window):
            return Smoothing.trailingMean(values, window: window)
        case .centered(let halfWidth):
            return Smoothing.centeredMean(values, halfWidth: halfWidth)
        }
    }

    /// The default smoothing for a curve of `count` values: a debiased exponential moving
    /// average whose span (`2 / (1 - weight) - 1`, the window of a mean with the same lag) is
    /// `count / 10` clamped to `1...50`. Short curves are barely smoothed, long ones more.
    public static func automatic(count: Int) -> Smoothing {
        let span = Double(min(50, max(1, count / 10)))
        return .exponential(weight: 1 - 2 / (span + 1), debiased: true)
    }

    /// The default smoothing to analyse a finished curve of `count` values: a centered mean with
    /// half-width `count / 20` clamped to `0...25` (a window of about a tenth of the curve).
    public static func automaticCentered(count: Int) -> Smoothing {
        .centered(halfWidth: min(25, max(0, count / 20)))
    }

    /// The exponential moving average of `values` (see ``Smoothing/exponential(weight:debiased:)``).
    /// `weight` is clamped to `0...0.9999`.
    public static func exponentialMovingAverage(_ values: [Double], weight: Double, debiased: Bool = true) -> [Double] {
        CurveScale.applying(values) { unscaledExponentialMovingAverage($0, weight: weight, debiased: debiased) }
    }

    private static func unscaledExponentialMovingAverage(_ values: [Double], weight: Double, debiased: Bool) -> [Double] {
        let w = min(0.9999, max(0, weight.isFinite ? weight : 0))
        var out = [Double](repeating: .nan, count: values.count)
        var state = 0.0
        var count = 0.0
        for (i, x) in values.enumerated() where x.isFinite {
            if count == 0 && !debiased {
                // Without bias correction, start from the first value rather than from zero
                // (TensorBoard's convention for the undebiased form).
                state = x
            } else {
                state = w * state + (1 - w) * x
            }
            count += 1
            out[i] = debiased ? state / (1 - pow(w, count)) : state
        }
        return out
    }

    /// The trailing mean of `values` over `window` positions (see ``Smoothing/trailing(window:)``).
    public static func trailingMean(_ values: [Double], window: Int) -> [Double] {
        CurveScale.applying(values) { unscaledTrailingMean($0, window: window) }
    }

    private static func unscaledTrailingMean(_ values: [Double], window: Int) -> [Double] {
        let window = max(1, window)
        var out = [Double](repeating: .nan, count: values.count)
        var sum = 0.0
        var finite = 0
        for i in values.indices {
            if values[i].isFinite {
                sum += values[i]
                finite += 1
            }
            if i >= window, values[i - window].isFinite {
                sum -= values[i - window]
                finite -= 1
            }
            if values[i].isFinite, finite > 0 { out[i] = sum / Double(finite) }
        }
        return out
    }

    /// The centered mean of `values` over `i - halfWidth ... i + halfWidth` (see
    /// ``Smoothing/centered(halfWidth:)``).
    public static func centeredMean(_ values: [Double], halfWidth: Int) -> [Double] {
        CurveScale.applying(values) { unscaledCenteredMean($0, halfWidth: halfWidth) }
    }

    private static func unscaledCenteredMean(_ values: [Double], halfWidth: Int) -> [Double] {
        let h = min(max(0, halfWidth), values.count)
        var prefix = [Double](repeating: 0, count: values.count + 1)
        var finite = [Int](repeating: 0, count: values.count + 1)
        for (i, x) in values.enumerated() {
            prefix[i + 1] = prefix[i] + (x.isFinite ? x : 0)
            finite[i + 1] = finite[i] + (x.isFinite ? 1 : 0)
        }
        var out = [Double](repeating: .nan, count: values.count)
        for i in values.indices where values[i].isFinite {
            let lo = max(0, i - h)
            let hi = min(values.count, i + h + 1)
            out[i] = (prefix[hi] - prefix[lo]) / Double(finite[hi] - finite[lo])
        }
        return out
    }

    /// The noise level of a curve: a robust estimate of the standard deviation of the noise
    /// around its trend.
    ///
    /// Rule: take the differences between consecutive finite values, `d[i] = x[i+1] - x[i]`
    /// (NaNs are skipped, not bridged by zero); the noise level is
    /// `1.4826 · median(|d - median(d)|) / √2`, the median absolute deviation of the differences
    /// scaled to a standard deviation, divided by √2 because a difference of two independent
    /// noisy values has √2 times their noise. A slow trend shifts `median(d)` and cancels;
    /// a few jumps do not move a median. For i.i.d. Gaussian noise of standard deviation σ the
    /// result is close to σ. Fewer than 3 finite values give 0.
    public static func noiseLevel(_ values: [Double]) -> Double {
        let scale = CurveScale(values)
        let finite = scale.down(values.filter(\.isFinite))
        guard finite.count >= 3 else { return 0 }
        var diffs = [Double]()
        diffs.reserveCapacity(finite.count - 1)
        for i in 1..<finite.count { diffs.append(finite[i] - finite[i - 1]) }
        let center = median(diffs)
        let mad = median(diffs.map { abs($0 - center) })
        return scale.up(1.4826 * mad / 2.0.squareRoot())
    }

    /// The median of finite values (NaN when there are none).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return .nan }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
