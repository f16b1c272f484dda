import Foundation
import SweepTestSupport
import SweepML
import Testing
@testable import SweepActiveLearning

/// The lab beside `Benchmarks/al_peer.py` (scikit-learn's `LogisticRegression`, numpy top-k) on
/// digits (features / 16): with both fits converged (tol 1e-8) the two pick the same points and
/// measure the same test accuracy at every round, warm or cold. (With scikit-learn's default tol
/// 1e-4 the two solvers stop at slightly different points and near-ties flip picks.)
@Suite(.enabled(if: ScikitLearnPeer.isEnabled, "needs python3 with scikit-learn and numpy (CI makes it required)"))
struct ModalPeerParityTests {
    @Test(arguments: ["margin", "entropy"], ["fit=warm", "fit=cold"])
    func convergedRunsMatchThePeerAtEveryRound(strategy: String, fit: String) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-al-parity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("digits.csv").path
        try await ScikitLearnPeer.python(["-c", """
            import numpy as np
            from sklearn.datasets import load_digits
            X, y = load_digits(return_X_y=True)
            header = ",".join([f"p{i}" for i in range(64)] + ["label"])
            np.savetxt("\(csv)", np.column_stack([X / 16.0, y]), delimiter=",", header=header, comments="", fmt="%.10g")
            """])
        var options = try ActiveLearningOptions(data: csv, model: "logreg:tol=1e-8,max_iter=10000,\(fit)", strategy: strategy)
        (options.initial, options.batch, options.rounds, options.seed) = (10, 10, 6, 3)
        let curve = try ActiveLearningExperiment(options: options, threads: 1).run().runs[0]
        let split = directory.appendingPathComponent("split.json").path
        try JSONSerialization.data(withJSONObject: ["initial": curve.initial, "test": curve.test]).write(to: URL(fileURLWithPath: split))
        let peerScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Benchmarks/al_peer.py").path
        let output = try await ScikitLearnPeer.python([
            peerScript, "--data", csv, "--strategy", strategy, "--split", split, "--rounds", "6", "--no-modal", "--tol", "1e-8", "--max-iter", "10000",
        ])
        let peer = try JSONSerialization.jsonObject(with: output) as? [String: Any]
        let accuracy = try #require(peer?["accuracy"] as? [Double])
        #expect(curve.labels == (peer?["labels"] as? [Int]))
        #expect(accuracy.count == curve.accuracy.count)
        for (round, (ours, theirs)) in zip(curve.accuracy, accuracy).enumerated() {
            #expect(abs(ours - theirs) < 1e-9, "\(strategy) \(fit): round \(round) accuracy \(ours) vs the peer's \(theirs)")
        }
    }
}

/// Runs python3 with scikit-learn. Skipped when `import sklearn` fails, unless `CI` is set: in CI
/// it must run.
enum ScikitLearnPeer {
    static let isEnabled: Bool = {
        if let ci = ProcessInfo.processInfo.environment["CI"], !ci.isEmpty { return true }
        return (try? ChildProcess.python(["-c", "import sklearn, numpy"]).runOnThisThread().status) == 0
    }()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `python3 arguments` (one BLAS thread) on a thread of its own and returns its standard
    /// output; throws when it fails.
    @discardableResult
    static func python(_ arguments: [String]) async throws -> Data {
        let ran = try await ChildProcess.python(arguments, environment: ["OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"]).run()
        guard ran.status == 0 else {
            throw Failure(description: "python3 \(arguments.first ?? "") exited with \(ran.status):\n\(ran.errors)")
        }
        return ran.stdout
    }
}
