/// Downsampling a curve to a few rows at evenly spaced positions, and reading values by step.
public enum CurveTable {
    /// The positions of `rows` evenly spaced rows among `count` values: `round(i · (count-1) /
    /// (rows-1))` for `i` in `0..<rows`, duplicates removed; always the first and last position.
    /// Every position when `rows ≥ count`.
    public static func positions(count: Int, rows: Int) -> [Int] {
        guard count > 0 else { return [] }
        guard rows < count else { return Array(0..<count) }
        guard rows > 1 else { return [count - 1] }
        var out: [Int] = []
        for i in 0..<rows {
            let p = Int((Double(i) * Double(count - 1) / Double(rows - 1)).rounded())
            if out.last != p { out.append(p) }
        }
        return out
    }

    /// The value of `record` at `step`: the value of the last step ≤ `step` (the curve as it
    /// stood then). Nil before its first step or after its last step (a curve that ended does not
    /// stand for later steps).
    public static func value(of record: CurveRecord, atStep step: Int) -> Double? {
        guard !record.curve.isEmpty, record.step(at: record.curve.count - 1) >= step else { return nil }
        var lo = 0, hi = record.curve.count - 1
        guard record.step(at: 0) <= step else { return nil }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if record.step(at: mid) <= step { lo = mid } else { hi = mid - 1 }
        }
        return record.curve[lo]
    }
}
