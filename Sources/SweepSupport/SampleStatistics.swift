/// Statistics of a sample of values, safe for any finite values (±1e308 included).
public enum SampleStatistics {
    /// The mean and its standard error (sample deviation over √n), without overflowing near
    /// ±1e308: NaN for no values, a standard error of 0 for one value. Seed repeats (`metric[se]`)
    /// and replayed curve groups both use it, so a live study and its replay agree.
    public static func meanAndStandardError(_ values: [Double]) -> (mean: Double, standardError: Double) {
        guard !values.isEmpty else { return (.nan, .nan) }
        let n = Double(values.count)
        let mean = values.reduce(0) { $0 + $1 / n }
        guard values.count > 1 else { return (mean, 0) }
        // Deviations scaled by the largest one, so squaring them cannot overflow.
        let deviations = values.map { $0 / 2 - mean / 2 }
        let scale = deviations.map(abs).max() ?? 0
        guard scale > 0, scale.isFinite else { return (mean, scale == 0 ? 0 : .infinity) }
        let sumOfSquares = deviations.reduce(0) { $0 + ($1 / scale) * ($1 / scale) }
        let standardDeviation = 2 * scale * (sumOfSquares / (n - 1)).squareRoot()
        return (mean, standardDeviation / n.squareRoot())
    }
}
