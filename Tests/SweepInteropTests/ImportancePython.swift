import Foundation
import SweepCore

@testable import SweepInterop

/// Runs `optuna_importance.py` (Optuna 5.0.0 and scikit-learn from PyPI). Skipped when python3
/// cannot import them, unless `CI` is set: in CI it must run.
enum ImportancePython {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("optuna_importance.py")

    static let isEnabled: Bool = {
        if let ci = ProcessInfo.processInfo.environment["CI"], !ci.isEmpty { return true }
        return OptunaPython.imports("optuna, sklearn")
    }()

    /// What Optuna answered for one study: PED-ANOVA's importances, and fANOVA's for seeds 0, 1, …
    struct Expected: Decodable {
        var pedAnova: [String: Double]
        var fanova: [[String: Double]]?

        enum CodingKeys: String, CodingKey {
            case pedAnova = "ped-anova"
            case fanova
        }
    }

    struct Made: Decodable {
        var optuna: String
        var studies: [String: Expected]
    }

    /// The parity studies: Optuna's answers and the studies as Sweep imports them, made once per
    /// test process (Optuna's fANOVA takes about 20 s) by a task the tests await (a lazy `static
    /// let` that ran Python held a thread in every test that waited for it).
    static let studies = Task { () async -> Result<(Made, [String: ImportedStudy]), OptunaPython.Failure> in
        do {
            let scratch = try Scratch()
            defer { scratch.remove() }
            let file = scratch.path("optuna.db")
            let (status, output, errors) = try await OptunaPython.run([script.path, "make", file])
            guard status == 0 else { return .failure(OptunaPython.Failure(description: "optuna_importance.py make exited with \(status):\n\(errors)")) }
            let made = try JSONDecoder().decode(Made.self, from: output)
            let reader = try OptunaReader(path: file)
            var imported: [String: ImportedStudy] = [:]
            for name in made.studies.keys { imported[name] = try ImportedStudy(try reader.study(named: name)) }
            return .success((made, imported))
        } catch {
            return .failure(OptunaPython.Failure(description: "\(error)"))
        }
    }
}
