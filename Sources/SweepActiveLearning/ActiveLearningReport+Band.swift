/// The band over seeds: after each round, the lowest and the highest value any run reached.
///
/// Why the whole range and not quartiles: a configuration runs over few seeds (3 by default and
/// in issue 12's protocol), and with 3 runs the 25th and 75th percentiles are interpolations
/// halfway between the median and an extreme run, not a spread anyone measured. The range says
/// plainly that every run lay inside it; it always contains the median; a pandas user gets it
/// from the CSV with `groupby("round").min()` / `.max()`, with no interpolation rule to match.
/// With many seeds it widens with the one worst or best run, so read it as "all runs", not as a
/// confidence interval. With one run the band is that run's value (zero width).
extension ActiveLearningReport {
    /// The band of one round's values over the runs: their minimum and maximum (NaN when empty).
    public static func band(_ values: [Double]) -> (low: Double, high: Double) {
        guard let low = values.min(), let high = values.max() else { return (.nan, .nan) }
        return (low, high)
    }

    /// The band of each round over `curves`' values (every curve as long as the first).
    static func bands(_ curves: [[Double]]) -> (low: [Double], high: [Double]) {
        guard let first = curves.first else { return ([], []) }
        let rounds = first.indices.map { i in band(curves.map { $0[i] }) }
        return (rounds.map(\.low), rounds.map(\.high))
    }
}
