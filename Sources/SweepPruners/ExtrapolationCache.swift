import Synchronization

/// Remembers the ensemble's predictions for complete trials' prefixes, which `extrapolate`
/// re-reads at every checkpoint to calibrate itself. Keyed by the prefix itself, so a hit returns
/// exactly what a new fit would; bounded (cleared when full).
final class ExtrapolationCache: Sendable {
    struct Key: Hashable, Sendable {
        var values: [Double]
        var steps: [Int]
        var horizon: Int
        var temperature: Double
        /// The pruner's `tail` and `min_points`, which choose the values fitted.
        var tail: Double
        var minPoints: Int
    }

    static let shared = ExtrapolationCache()
    private let table = Mutex<[Key: Double?]>([:])
    private let capacity = 20_000

    func value(_ key: Key) -> Double?? {
        table.withLock { $0[key] }
    }

    func store(_ key: Key, _ value: Double?) {
        table.withLock { t in
            if t.count >= capacity { t.removeAll(keepingCapacity: true) }
            t[key] = value
        }
    }
}
