import Foundation
import SweepML

/// The lab's built-in synthetic pools, seeded: Gaussian blobs, two moons, and XOR /
/// checkerboard in any number of dimensions, each with optional label noise.
///
/// - `blobs`: `classes` isotropic Gaussians (sd `spread`) around centres drawn uniformly in
///   [-5, 5]^dims; classes take turns, so they are balanced.
/// - `moons`: scikit-learn's two interleaving half circles plus N(0, `noise`²) on both
///   coordinates, then `dims - 2` more pure-noise coordinates.
/// - `xor` / `checkerboard`: points uniform in [0, 1)^dims cut into `cells` cells per axis; the
///   class is the parity of the sum of the cell indices (`xor` is 2 cells per axis).
///
/// `flip` is the share of points whose label is replaced by a different class drawn uniformly.
public struct SyntheticPool: Sendable, Hashable {
    /// The kind of pool.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case blobs, moons, xor, checkerboard
    }

    public var kind: Kind
    /// Number of points.
    public var count: Int
    /// Number of features.
    public var dims: Int
    /// Number of classes (blobs only; the others have 2).
    public var classes: Int
    /// Blob standard deviation, or the moons' noise.
    public var spread: Double
    /// Cells per axis (checkerboard).
    public var cells: Int
    /// Share of labels flipped to another class.
    public var flip: Double

    /// The keys each kind's spec takes.
    public static let keys: [String: [String]] = [
        "blobs": ["n", "dims", "classes", "spread", "flip"],
        "moons": ["n", "dims", "noise", "flip"],
        "xor": ["n", "dims", "flip"],
        "checkerboard": ["n", "dims", "cells", "flip"],
    ]

    /// Reads `blobs:n=300,classes=3`, `moons:noise=0.2,flip=0.05`, `xor:dims=3`, `checkerboard:cells=4`.
    public init(parsing text: String) throws(ActiveLearningError) {
        let spec = try LabSpec(parsing: text, kind: "data set", known: Self.keys)
        kind = Kind(rawValue: spec.name) ?? .blobs
        count = try spec.int("n", 300, in: 4...1_000_000)
        dims = try spec.int("dims", 2, in: (kind == .moons ? 2 : 1)...10_000)
        classes = kind == .blobs ? try spec.int("classes", 3, in: 2...1_000) : 2
        spread = try kind == .moons ? spec.double("noise", 0.2, in: 0...100) : spec.double("spread", 1, in: 0...100)
        cells = kind == .checkerboard ? try spec.int("cells", 4, in: 2...1_000) : 2
        flip = try spec.double("flip", 0, in: 0...1)
    }

    /// The points, drawn from `RandomGenerator(seed: seed)`.
    public func generate(seed: UInt64) -> LabelledDataset {
        var rng = RandomGenerator(seed: seed)
        var values = [Double](repeating: 0, count: count * dims)
        var labels = [Int](repeating: 0, count: count)
        let centres = (0..<(classes * dims)).map { _ in 10 * rng.nextUnit() - 5 }
        for i in 0..<count {
            let row = i * dims
            switch kind {
            case .blobs:
                labels[i] = i % classes
                for j in 0..<dims { values[row + j] = centres[labels[i] * dims + j] + spread * rng.nextGaussian() }
            case .moons:
                labels[i] = i % 2
                let t = Double.pi * rng.nextUnit()
                values[row] = labels[i] == 0 ? cos(t) : 1 - cos(t)
                values[row + 1] = labels[i] == 0 ? sin(t) : 0.5 - sin(t)
                values[row] += spread * rng.nextGaussian()
                values[row + 1] += spread * rng.nextGaussian()
                for j in 2..<dims { values[row + j] = rng.nextGaussian() }
            case .xor, .checkerboard:
                var parity = 0
                for j in 0..<dims {
                    let u = rng.nextUnit()
                    values[row + j] = u
                    parity += Int(u * Double(cells))
                }
                labels[i] = parity % 2
            }
            if flip > 0, rng.nextUnit() < flip {
                labels[i] = (labels[i] + 1 + rng.nextInt(below: classes - 1)) % classes
            }
        }
        return LabelledDataset(
            features: Matrix(rows: count, columns: dims, values: values), labels: labels,
            classNames: (0..<classes).map { "\($0)" })
    }
}
