import Foundation
import SweepCore
import Testing

@testable import SweepSamplers

/// The estimator's log densities against Optuna 5.0.0's `_ParzenEstimator.log_pdf` on the same
/// observations (reference values printed by Optuna; see each case).
@Suite struct ParzenEstimatorTests {
    func estimator(
        _ distributions: [Distribution], _ observations: [[Double]], options: ParzenOptions = ParzenOptions()
    ) -> ParzenEstimator {
        let n = observations.first?.count ?? 0
        return ParzenEstimator(
            observations: observations.flatMap { $0 }, count: n, weights: TPESampler.weights(n),
            dimensions: distributions.map(ParzenDimension.init), options: options)
    }

    func logDensity(_ e: ParzenEstimator, _ points: [[Double]]) -> [Double] {
        var out: [Double] = []
        var scratch: [Double] = []
        e.logDensity(points.flatMap { $0 }, count: points.count, into: &out, scratch: &scratch)
        return out
    }

    func expectClose(_ a: [Double], _ b: [Double], tolerance: Double = 1e-9, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.count == b.count, sourceLocation: sourceLocation)
        for (x, y) in zip(a, b) {
            #expect(abs(x - y) <= tolerance * max(1, abs(y)), "\(x) vs Optuna's \(y)", sourceLocation: sourceLocation)
        }
    }

    func float(_ low: Double, _ high: Double, log: Bool = false, step: Double? = nil) throws -> Distribution {
        .float(try FloatDistribution(low: low, high: high, log: log, step: step))
    }

    func int(_ low: Int, _ high: Int, log: Bool = false, step: Int = 1) throws -> Distribution {
        .int(try IntDistribution(low: low, high: high, log: log, step: step))
    }

    func categorical(_ n: Int) throws -> Distribution {
        .categorical(try CategoricalDistribution((0..<n).map { .int($0) }))
    }

    @Test func continuousFloat() throws {
        // FloatDistribution(0, 10), observations [1, 2.5, 7, 7, 9.9]
        let e = estimator([try float(0, 10)], [[1, 2.5, 7, 7, 9.9]])
        expectClose(logDensity(e, [[0], [0.5], [3], [7], [10]]), [-2.4087581716472757, -2.282854646271188, -2.3949099910006977, -2.240802529307328, -2.3159732495569325])
    }

    @Test func logFloat() throws {
        let e = estimator([try float(1e-3, 1, log: true)], [[0.01, 0.1, 0.5]])
        expectClose(logDensity(e, [[0.001], [0.02], [0.3], [1]]), [-2.6230244771804934, -1.9503917595801996, -1.665219251809141, -1.8498576515257252])
    }

    @Test func int() throws {
        let e = estimator([try int(1, 10)], [[2, 3, 3, 8]])
        expectClose(logDensity(e, [[1], [3], [5], [10]]), [-2.0742880230492062, -1.8309117164147364, -2.275040018768268, -2.9567664083032827])
    }

    @Test func steppedFloat() throws {
        let e = estimator([try float(0, 5, step: 0.5)], [[0.5, 1, 4.5]])
        expectClose(logDensity(e, [[0], [1], [2.5], [5]]), [-2.173411525197978, -2.1106645373966515, -2.4723406078527477, -2.7526291535235288])
    }

    @Test func logInt() throws {
        let e = estimator([try int(1, 1000, log: true)], [[1, 10, 100, 999]])
        expectClose(logDensity(e, [[1], [2], [50], [1000]]), [-2.124712357999319, -2.7776559954008033, -5.871273016520834, -8.988756553279732])
    }

    @Test func steppedInt() throws {
        let e = estimator([try int(0, 100, step: 5)], [[0, 5, 50, 95]])
        expectClose(logDensity(e, [[0], [10], [55], [100]]), [-2.6077646735087043, -2.65212415458065, -3.185292415102018, -3.4144201120350823])
    }

    @Test func categoricalKernels() throws {
        let e = estimator([try categorical(3)], [[0, 2, 2]])
        expectClose(logDensity(e, [[0], [1], [2]]), [-1.0986122886681098, -1.6582280766035324, -0.7419373447293772])
    }

    @Test func noObservationsIsThePrior() throws {
        expectClose(logDensity(estimator([try float(-1, 1)], [[]]), [[-1], [0], [0.7]]), [-0.7771693800689957, -0.6521693800689957, -0.7134193800689957])
        expectClose(logDensity(estimator([try categorical(4)], [[]]), [[0], [3]]), [-1.3862943611198906, -1.3862943611198906])
    }

    @Test func oneObservation() throws {
        expectClose(logDensity(estimator([try float(0, 10)], [[3]]), [[0], [3], [10]]), [-2.330771477365805, -2.232688929521852, -2.52516304539347])
    }

    @Test func rampedWeightsBeyond25Observations() throws {
        let observations = (0..<40).map { Double(($0 * 37) % 40) / 40 + 0.01 }
        let e = estimator([try float(0, 1)], [observations])
        expectClose(logDensity(e, [[0.1], [0.5], [0.95]]), [0.14447112129718942, 0.010251945030643306, -0.08212835560009035])
    }

    @Test func priorWeightEndpointsAndNoMagicClip() throws {
        let options = ParzenOptions(priorWeight: 0.5, considerMagicClip: false, considerEndpoints: true)
        let e = estimator([try float(0, 10)], [[1, 2.5, 7, 9.9]], options: options)
        expectClose(logDensity(e, [[0], [3], [10]]), [-2.228270907556994, -2.3413441440925284, -2.301849956727455])
    }

    @Test func jointKernels() throws {
        // {x: Float(0, 10), n: Int(1, 5), c: Categorical(2)}, one kernel per observation over all three.
        let e = estimator([try float(0, 10), try int(1, 5), try categorical(2)], [[1, 4, 8], [1, 3, 5], [0, 1, 1]])
        expectClose(logDensity(e, [[0.5, 1, 0], [4, 3, 1], [9, 5, 0]]), [-4.046181259240151, -4.240561136014543, -5.344780861171807])
    }

    @Test func coincidingKernelsAreMergedExactly() throws {
        // 100 int observations of 10 values (ramped weights), and 60 joint observations of a stepped
        // int and a categorical: far more kernels than distinct ones. Among equal centres Sweep gives
        // the widths in trial order; Optuna's `np.argsort` is an unstable quicksort, so the
        // references come from Optuna's estimator with `np.argsort(kind="stable")`.
        let ints = (0..<100).map { Double(($0 * 7) % 10 + 1) }
        let e = estimator([try int(1, 10)], [ints])
        #expect(e.kernelCount < 40)
        expectClose(logDensity(e, [[1], [4], [10]]), [-2.3957381144804994, -2.241086408231621, -2.2214018650808205])
        let a = (0..<60).map { Double(($0 * 3) % 5) * 2 }
        let c = (0..<60).map { Double(($0 * 5) % 3) }
        let joint = estimator([try int(0, 8, step: 2), try categorical(3)], [a, c])
        #expect(joint.kernelCount < 61)
        expectClose(
            logDensity(joint, [[0, 0], [4, 1], [8, 2]]), [-2.7942892479239325, -2.6762416290774853, -2.5875961546607593])
    }

    @Test func samplesLieInTheirDistributions() throws {
        let distributions = [
            try float(-2, 3), try float(1e-4, 1, log: true), try float(0, 1, step: 0.25), try int(1, 9),
            try int(1, 500, log: true), try int(0, 20, step: 4), try categorical(5),
        ]
        let observations: [[Double]] = [
            [-2, 0, 3], [1e-4, 0.01, 1], [0, 0.5, 1], [1, 5, 9], [1, 20, 500], [0, 8, 20], [0, 4, 4],
        ]
        let e = estimator(distributions, observations)
        var rng = SplitMix64(seed: 3)
        var points: [Double] = []
        e.sample(count: 2000, into: &points, using: &rng)
        #expect(points.count == 2000 * distributions.count)
        for row in 0..<2000 {
            for (d, distribution) in distributions.enumerated() {
                let x = points[row * distributions.count + d]
                #expect(distribution.toInternal(distribution.toExternal(x)) == x, "\(x) outside \(distribution)")
            }
        }
    }

    @Test func samplingFollowsTheDensity() throws {
        // With observations bunched near 0.2 (kernels widened to 1/7 by the magic clip), draws land
        // near 0.2 more than twice as often as uniform ones would.
        let e = estimator([try float(0, 1)], [[0.19, 0.2, 0.2, 0.21, 0.22]])
        var rng = SplitMix64(seed: 1)
        var points: [Double] = []
        e.sample(count: 4000, into: &points, using: &rng)
        let near = points.filter { abs($0 - 0.2) < 0.1 }.count
        #expect(near > 1800)
        #expect(points.reduce(0, +) / 4000 < 0.35)
    }
}
