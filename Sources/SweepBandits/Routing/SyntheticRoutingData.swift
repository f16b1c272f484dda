import Foundation
import SweepML

/// The synthetic routing data: imbalanced class-conditional Gaussians where each class stands out
/// only on its own block of features, plus pure-noise features.
///
/// Class c's mean is `separation` on the `blockSize` features of block `c mod learners` and 0
/// elsewhere; the noise is N(0, 1) everywhere. Class shares fall geometrically by `imbalance`
/// (class 0 the most common).
public struct SyntheticRoutingData: Sendable, Equatable, Codable {
    /// Number of classes.
    public var classes: Int
    /// Features per class block.
    public var blockSize: Int
    /// Extra pure-noise features every learner sees.
    public var noiseFeatures: Int
    /// The distance of a class mean from 0 on its block, in noise standard deviations.
    public var separation: Double
    /// The ratio of successive class shares, in (0, 1]; 1 is balanced.
    public var imbalance: Double

    /// The defaults: 4 classes, blocks of 2 features, 2 noise features, separation 1.5,
    /// imbalance 0.6.
    public init(classes: Int = 4, blockSize: Int = 2, noiseFeatures: Int = 2, separation: Double = 1.5, imbalance: Double = 0.6) {
        self.classes = classes
        self.blockSize = blockSize
        self.noiseFeatures = noiseFeatures
        self.separation = separation
        self.imbalance = imbalance
    }

    /// Number of features: `classes · blockSize + noiseFeatures`.
    public var featureCount: Int { classes * blockSize + noiseFeatures }

    /// The class shares.
    public var classShares: [Double] {
        let raw = (0..<classes).map { pow(imbalance, Double($0)) }
        let total = raw.reduce(0, +)
        return raw.map { $0 / total }
    }

    /// `count` samples drawn from `rng`.
    public func generate(count: Int, using rng: inout RandomGenerator) -> LabelledDataset {
        let shares = classShares
        let d = featureCount
        var values = [Double](repeating: 0, count: count * d)
        var labels = [Int](repeating: 0, count: count)
        for i in 0..<count {
            var u = rng.nextUnit()
            var c = classes - 1
            for k in 0..<classes {
                u -= shares[k]
                if u < 0 {
                    c = k
                    break
                }
            }
            labels[i] = c
            for j in 0..<d { values[i * d + j] = rng.nextGaussian() }
            for j in 0..<blockSize { values[i * d + c * blockSize + j] += separation }
        }
        return LabelledDataset(
            features: Matrix(rows: count, columns: d, values: values), labels: labels,
            classNames: (0..<classes).map { "c\($0)" })
    }
}
