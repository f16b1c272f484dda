import Foundation
import SweepCurves

/// Curves built from formulas, with known answers.
enum Curves {
    /// A logistic from `low` to `high` with its inflection at `midpoint` and scale `width`.
    static func logistic(count: Int, midpoint: Double, width: Double, low: Double = 0, high: Double = 1) -> [Double] {
        (0..<count).map { t in low + (high - low) / (1 + exp(-(Double(t) - midpoint) / width)) }
    }

    /// Seeded standard Gaussian noise (Box–Muller on SplitMix64).
    static func noise(count: Int, sigma: Double, seed: UInt64) -> [Double] {
        var random = QuizRandom(seed: seed)
        return (0..<count).map { _ in
            let u = Double.random(in: Double.ulpOfOne..<1, using: &random)
            let v = Double.random(in: 0..<1, using: &random)
            return sigma * (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
    }

    static func plus(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 + $1 } }
}

/// `|a - b| ≤ tolerance`.
func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool { abs(a - b) <= tolerance }

/// Whether optional step `a` is within `tolerance` of `b`.
func near(_ a: Int?, _ b: Int, _ tolerance: Int) -> Bool { a.map { abs($0 - b) <= tolerance } ?? false }
