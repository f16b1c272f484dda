/// Fewer points of a long curve for a plot, keeping its extremes: the steps are cut into buckets
/// and each bucket keeps its first point, its lowest and its highest value (in step order), and
/// the curve's last point is always kept. A spike of one step survives any reduction; a curve of
/// at most `points` points comes back as it is. NaN values are kept where they fall first in a
/// bucket (they are gaps on a plot), never chosen as a bucket's lowest or highest.
public enum CurveDownsampling {
    /// At most about `points` points of the curve (`steps[i]`, `values[i]`), in step order.
    /// `points` below 3 is taken as 3.
    public static func keepingExtremes(steps: [Int], values: [Double], points: Int) -> [(step: Int, value: Double)] {
        let count = min(steps.count, values.count)
        guard count > max(points, 3) else { return (0..<count).map { (steps[$0], values[$0]) } }
        let buckets = max(1, max(points, 3) / 3)
        var kept: [Int] = []
        kept.reserveCapacity(3 * buckets + 1)
        for b in 0..<buckets {
            let start = b * count / buckets
            let end = (b + 1) * count / buckets
            guard start < end else { continue }
            var low: Int?
            var high: Int?
            for i in start..<end where !values[i].isNaN {
                if low.map({ values[i] < values[$0] }) ?? true { low = i }
                if high.map({ values[i] > values[$0] }) ?? true { high = i }
            }
            kept.append(start)
            if let low { kept.append(low) }
            if let high { kept.append(high) }
        }
        kept.append(count - 1)
        var seen = Set<Int>()
        return kept.sorted().filter { seen.insert($0).inserted }.map { (steps[$0], values[$0]) }
    }
}
