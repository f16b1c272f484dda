import ArgumentParser
import SweepCurves

/// `sweep curves`: tools for curve datasets (describe, quiz, grade, generate).
struct CurvesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curves",
        abstract: "Read curve datasets: describe curves, make a quiz about them, grade a judge's answers.",
        subcommands: [CurvesDescribe.self, CurvesQuiz.self, CurvesGrade.self, CurvesGenerate.self, CurvesExport.self]
    )
}

/// An error of the `curves` commands, printed as is.
struct CurvesError: Error, CustomStringConvertible {
    var description: String

    static func unknownID(_ id: String, file: String) -> CurvesError {
        CurvesError(description: "no curve with id '\(id)' in \(file)")
    }
}

/// Parses a `--format` value.
func curvesFormat(_ text: String) throws -> CurveRendering.Format {
    guard let format = CurveRendering.Format(rawValue: text.lowercased()) else {
        throw ValidationError("--format must be markdown, csv or json, got '\(text)'")
    }
    return format
}
