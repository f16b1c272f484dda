import Foundation
import SweepTestSupport
import Testing
@testable import SweepML

/// `SoftmaxRegression.fit` (L-BFGS) beside scikit-learn 1.9's `LogisticRegression(solver="lbfgs")`
/// on the same data and `C`: 400 digits (features / 16, 10 classes), scored on the next 400.
@Suite(.enabled(if: SklearnPython.isEnabled, "needs python3 with scikit-learn (CI makes it required)"))
struct SoftmaxFitParityTests {
    /// Both solved to a tight tolerance reach the same optimum: every coefficient and intercept
    /// within 2e-4 absolute, held-out log-loss within 1e-5 relative, the same held-out accuracy.
    @Test(arguments: [0.1, 1.0, 10.0])
    func convergedFitsMatchScikitLearn(c: Double) async throws {
        let peer = try await SklearnPython.fit(c: c, tol: 1e-10, maxIter: 20_000)
        var model = SoftmaxRegression(featureCount: 64, classCount: 10)
        model.fit(peer.train, labels: peer.trainLabels, inverseRegularization: c, solver: LBFGS(gradientTolerance: 1e-10, maxIterations: 20_000))
        let coefficients = model.parameters.prefix(640)
        let intercepts = model.parameters.suffix(10)
        let coefDiff = zip(coefficients, peer.coef).map { abs($0 - $1) }.max() ?? 1
        let interceptDiff = zip(intercepts, peer.intercept).map { abs($0 - $1) }.max() ?? 1
        #expect(coefDiff < 2e-4, "C=\(c): largest coefficient difference \(coefDiff)")
        #expect(interceptDiff < 2e-4, "C=\(c): largest intercept difference \(interceptDiff)")
        let loss = model.logLoss(peer.test, labels: peer.testLabels)
        #expect(abs(loss - peer.testLoss) <= 1e-5 * peer.testLoss, "C=\(c): log-loss \(loss) vs \(peer.testLoss)")
        #expect(model.accuracy(peer.test, labels: peer.testLabels) == peer.testAccuracy)
    }

    /// With scikit-learn's defaults (tol 1e-4, at most 100 iterations) the two stop at slightly
    /// different points: held-out accuracy within 1 point, log-loss within 2 %.
    @Test func defaultFitsAgreeWithScikitLearn() async throws {
        let peer = try await SklearnPython.fit(c: 1, tol: 1e-4, maxIter: 100)
        var model = SoftmaxRegression(featureCount: 64, classCount: 10)
        model.fit(peer.train, labels: peer.trainLabels, inverseRegularization: 1)
        let accuracy = model.accuracy(peer.test, labels: peer.testLabels)
        let loss = model.logLoss(peer.test, labels: peer.testLabels)
        #expect(abs(accuracy - peer.testAccuracy) <= 0.01, "accuracy \(accuracy) vs \(peer.testAccuracy)")
        #expect(abs(loss - peer.testLoss) <= 0.02 * peer.testLoss, "log-loss \(loss) vs \(peer.testLoss)")
    }
}

/// Runs scikit-learn in python3. Skipped when `import sklearn` fails, unless `CI` is set: in CI
/// it must run.
enum SklearnPython {
    static let isEnabled: Bool = {
        if let ci = ProcessInfo.processInfo.environment["CI"], !ci.isEmpty { return true }
        return (try? ChildProcess.python(["-c", "import sklearn"]).runOnThisThread().status) == 0
    }()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    struct Fit: Decodable {
        var x: [[Double]]
        var y: [Int]
        var coef: [Double]
        var intercept: [Double]
        var testAccuracy: Double
        var testLoss: Double

        var train: Matrix { Matrix(Array(x[..<400])) }
        var trainLabels: [Int] { Array(y[..<400]) }
        var test: Matrix { Matrix(Array(x[400...])) }
        var testLabels: [Int] { Array(y[400...]) }
    }

    static func fit(c: Double, tol: Double, maxIter: Int) async throws -> Fit {
        let script = """
            import json, warnings
            from sklearn.datasets import load_digits
            from sklearn.linear_model import LogisticRegression
            from sklearn.metrics import log_loss
            warnings.simplefilter("ignore")
            X, y = load_digits(return_X_y=True)
            X = X[:800] / 16.0; y = y[:800]
            m = LogisticRegression(C=\(c), tol=\(tol), max_iter=\(maxIter)).fit(X[:400], y[:400])
            print(json.dumps({"x": X.tolist(), "y": y.tolist(), "coef": m.coef_.ravel().tolist(),
                "intercept": m.intercept_.tolist(), "testAccuracy": m.score(X[400:], y[400:]),
                "testLoss": log_loss(y[400:], m.predict_proba(X[400:]))}))
            """
        let (status, output, errors) = try await run(script)
        guard status == 0 else { throw Failure(description: "python3 exited with \(status):\n\(errors)") }
        return try JSONDecoder().decode(Fit.self, from: output)
    }

    /// Runs `python3 -c code` on a thread of its own; returns its exit status, standard output and
    /// standard error.
    static func run(_ code: String) async throws -> (status: Int32, output: Data, errors: String) {
        let ran = try await ChildProcess.python(["-c", code]).run()
        return (ran.status, ran.stdout, ran.errors)
    }
}
