import ArgumentParser
import Foundation
import SweepCore
import SweepImportance

struct Importance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Which hyperparameters mattered: parameter importances of the complete trials.",
        discussion: """
            ped-anova (the default, as in Optuna 5) compares how each parameter is spread among the best 10% of \
            the trials with all of them; fanova fits a random forest and measures the share of the objective's \
            variance each parameter explains (seeded by --seed). Importances sum to 1.
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var studyOption: StudyOption
    @Option(help: "ped-anova or fanova.") var evaluator = ImportanceMethod.pedAnova.rawValue
    @Option(help: "Seed of fanova's random forest.") var seed: UInt64 = 0

    func validate() throws {
        if ImportanceMethod(rawValue: evaluator) == nil { throw ValidationError(Message.unknownEvaluator(evaluator)) }
    }

    func run() async throws {
        let method = ImportanceMethod(rawValue: evaluator) ?? .pedAnova
        let study = try await common.openStudy(studyOption.name, readOnly: true)
        let trials = try await study.trials(states: [.complete], curves: .only([]))  // parameters and values
        let result: ParamImportances
        do {
            result = try ParamImportances.evaluate(trials, direction: study.direction, method: method, seed: seed)
        } catch {
            throw SweepError.invalidArgument("study '\(study.name)': \(error)")
        }
        if common.json {
            try Output.json(WireImportances(study: study.name, result: result))
        } else {
            Output.line("\(study.name): \(method.rawValue) on \(result.trials) complete trials")
            let width = result.params.map(\.name.count).max() ?? 0
            for p in result.params {
                let name = p.name.padding(toLength: width, withPad: " ", startingAt: 0)
                Output.line("\(name)  \(formatShare(p.importance))  \(Self.bar(p.importance))")
            }
        }
    }

    /// A bar of `width` cells for a share in [0, 1], in eighths of a cell.
    static func bar(_ share: Double, width: Int = 40) -> String {
        let eighths = Int((min(max(share, 0), 1) * Double(width * 8)).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    }

    private func formatShare(_ value: Double) -> String {
        let text = String(Int((value * 10_000).rounded()))
        let padded = String(repeating: "0", count: max(0, 5 - text.count)) + text
        return "\(padded.dropLast(4)).\(padded.suffix(4))"
    }

    enum Message {
        static func unknownEvaluator(_ name: String) -> String {
            "--evaluator must be \(ImportanceMethod.allCases.map(\.rawValue).joined(separator: " or ")), got '\(name)'"
        }
    }
}

/// `sweep importance --json`: the study, the evaluator, the trials read and the importances, most
/// important first.
private struct WireImportances: Encodable {
    var study: String
    var evaluator: String
    var trials: Int
    var importances: [Entry]

    struct Entry: Encodable {
        var param: String
        var importance: Double
    }

    init(study: String, result: ParamImportances) {
        self.study = study
        evaluator = result.method.rawValue
        trials = result.trials
        importances = result.params.map { Entry(param: $0.name, importance: $0.importance) }
    }
}
