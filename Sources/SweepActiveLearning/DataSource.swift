import SweepML
import SweepSupport

/// Where a run's points come from: a CSV file or a synthetic pool spec.
///
/// A text naming a synthetic kind (`moons`, `blobs:n=500`, ...) is a pool; any other text is a
/// CSV path. A CSV file has a header row; the column named `label`, else the last, holds the
/// class; the other columns are numbers, used as given (not rescaled).
public enum DataSource: Sendable, Hashable {
    case csv(path: String)
    case synthetic(SyntheticPool)

    /// Reads `--data` text.
    public init(parsing text: String) throws(ActiveLearningError) {
        let name = text.split(separator: ":", maxSplits: 1).first.map { String($0).trimmedSpaces } ?? ""
        if SyntheticPool.keys[name] != nil {
            self = .synthetic(try SyntheticPool(parsing: text))
        } else {
            self = .csv(path: text)
        }
    }

    /// The labelled points; a synthetic pool is drawn from `seed`.
    public func load(seed: UInt64) throws(ActiveLearningError) -> LabelledDataset {
        switch self {
        case .synthetic(let pool):
            return pool.generate(seed: seed)
        case .csv(let path):
            do {
                return try CSVDataset.load(path: path, labelName: "label")
            } catch {
                throw .data(error)
            }
        }
    }

    /// A short name for reports: the file path or the pool spec's kind.
    public var name: String {
        switch self {
        case .csv(let path): return path
        case .synthetic(let pool): return pool.kind.rawValue
        }
    }
}
