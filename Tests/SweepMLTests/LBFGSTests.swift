import Testing
@testable import SweepML

@Suite struct LBFGSTests {
    /// The Rosenbrock function's minimum is (1, 1); from (-1.2, 1) L-BFGS reaches it.
    @Test func findsTheRosenbrockMinimum() {
        let solver = LBFGS(gradientTolerance: 1e-10, functionTolerance: 0, maxIterations: 500)
        let result = solver.minimize(from: [-1.2, 1]) { p in
            let (x, y) = (p[0], p[1])
            let value = (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
            return (value, [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])
        }
        #expect(result.stop == .gradient)
        #expect(abs(result.x[0] - 1) < 1e-7 && abs(result.x[1] - 1) < 1e-7, "got \(result.x)")
        #expect(result.iterations < 100)  // about 35 for L-BFGS with m = 10
    }

    /// On a convex quadratic `½ xᵀ A x - bᵀ x` the minimiser solves `A x = b`.
    @Test func solvesAQuadratic() {
        let a = Matrix([[4, 1, 0], [1, 3, 0.5], [0, 0.5, 2]])
        let b = [1.0, 2, 3]
        let result = LBFGS(gradientTolerance: 1e-12).minimize(from: [0, 0, 0]) { x in
            let ax = a * x
            var g = ax
            Vector.addScaled(b, -1, to: &g)
            return (0.5 * Vector.dot(x, ax) - Vector.dot(b, x), g)
        }
        let residual = (a * result.x).enumerated().map { abs($0.element - b[$0.offset]) }.max() ?? 1
        #expect(residual < 1e-8)  // it stops on the function tolerance once f stops falling
    }

    /// A non-finite objective at the start ends at once; one on the way shrinks the step.
    @Test func nonFiniteValuesAreHandled() {
        let start = LBFGS().minimize(from: [1]) { _ in (.nan, [0]) }
        #expect(start.stop == .nonFinite)
        // log-barrier: f(x) = x - log(x) is +inf (nan) for x <= 0; minimum at x = 1.
        let barrier = LBFGS(gradientTolerance: 1e-9).minimize(from: [5]) { p in
            let x = p[0]
            return (x > 0 ? x - _mlLog(x) : .infinity, [x > 0 ? 1 - 1 / x : .nan])
        }
        #expect(abs(barrier.x[0] - 1) < 1e-6, "got \(barrier.x)")
    }

    /// The batch objective's gradient matches central differences (relative error < 1e-6).
    @Test func softmaxObjectiveGradientMatchesFiniteDifferences() {
        var rng = RandomGenerator(seed: 21)
        let rows = Matrix(rows: 12, columns: 4, values: GradientCheck.gaussian(48, &rng))
        let labels = (0..<12).map { $0 % 3 }
        let model = SoftmaxRegression(featureCount: 4, classCount: 3)
        let w = GradientCheck.gaussian(model.parameters.count, &rng)
        let analytic = model.objective(rows, labels: labels, inverseRegularization: 0.7, at: w).gradient
        let numeric = GradientCheck.numerical(w) { model.objective(rows, labels: labels, inverseRegularization: 0.7, at: $0).value }
        #expect(GradientCheck.maxRelativeError(analytic, numeric) < 1e-6)
    }

    /// A warm start from the solution stops at once; from zero it takes iterations.
    @Test func warmStartFromTheSolutionTakesNoIterations() {
        var rng = RandomGenerator(seed: 22)
        let rows = Matrix(rows: 40, columns: 3, values: GradientCheck.gaussian(120, &rng))
        let labels = (0..<40).map { i in rows[i, 0] + rows[i, 1] > 0 ? 1 : 0 }
        var model = SoftmaxRegression(featureCount: 3, classCount: 2)
        let cold = model.fit(rows, labels: labels, inverseRegularization: 1)
        #expect(cold.iterations > 3 && cold.stop == .gradient)
        let warm = model.fit(rows, labels: labels, inverseRegularization: 1)
        #expect(warm.iterations == 0 && warm.stop == .gradient)
    }
}
