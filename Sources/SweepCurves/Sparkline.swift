/// Unicode sparklines: a curve in one line of block characters.
public enum Sparkline {
    /// The eight bar heights, lowest first.
    public static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A sparkline of `values` at most `width` characters wide.
    ///
    /// Values are cut into `min(width, count)` consecutive buckets of (nearly) equal size; each
    /// bucket shows the mean of its finite values, scaled between the smallest and largest bucket
    /// mean (▁ lowest, █ highest; a flat curve is all ▄). A bucket without finite values is a
    /// space. Larger is always higher, whatever the direction. Values as large as ±1e308 are
    /// scaled first (see `CurveScale`), so their means and range stay finite.
    public static func render(_ values: [Double], width: Int = 40) -> String {
        let values = CurveScale(values).down(values)
        let n = values.count
        let buckets = min(max(1, width), n)
        guard buckets > 0 else { return "" }
        var means = [Double](repeating: .nan, count: buckets)
        for b in 0..<buckets {
            // b · n cannot overflow: b < buckets ≤ n, and arrays hold far fewer than 2^31 values.
            let lo = b * n / buckets, hi = (b + 1) * n / buckets
            let finite = values[lo..<hi].filter(\.isFinite)
            if !finite.isEmpty { means[b] = finite.reduce(0, +) / Double(finite.count) }
        }
        let finite = means.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return String(repeating: " ", count: buckets) }
        return String(means.map { m -> Character in
            guard m.isFinite else { return " " }
            guard high > low else { return bars[3] }
            let level = ((m - low) / (high - low) * Double(bars.count - 1)).rounded()
            guard level.isFinite else { return bars[3] }
            return bars[Int(min(Double(bars.count - 1), max(0, level)))]
        })
    }
}
