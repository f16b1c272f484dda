import ArgumentParser
import Foundation
import SweepCurves

/// `sweep curves quiz FILE --count N --seed S`: questions for a judge, answers in a separate key.
struct CurvesQuiz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Make a quiz about a curve dataset: a questions file for the judge and an answer key.",
        discussion: """
            The questions file (JSON lines) holds no answers; give it to the judge. The key goes to \
            --key (default: beside --out, quiz.jsonl -> quiz.key.jsonl). Without --out the questions \
            go to standard output and --key is required. Grade with `sweep curves grade KEY ANSWERS`.
            """)

    @Argument(help: "A curve dataset (JSON lines).") var file: String
    @Option(parsing: .unconditional, help: "How many questions.") var count: Int
    @Option(parsing: .unconditional, help: "The seed: the same seed and file give the same quiz.") var seed: UInt64 = 0
    @Option(help: "Write the questions to this file (default: standard output).") var out: String?
    @Option(help: "Write the answer key to this file.") var key: String?
    @Option(parsing: .unconditional, help: "Curves shown in a choice question (2-8).") var choices: Int = 3
    @Option(parsing: .unconditional, help: "Table rows per curve in a question.") var rows: Int = 12
    @Option(parsing: .unconditional, help: "Step tolerance of step questions, as a fraction of the step range.") var tolerance: Double = 0.1

    func validate() throws {
        if count < 1 { throw ValidationError("--count must be at least 1, got \(count)") }
        if !(2...8).contains(choices) { throw ValidationError("--choices must be from 2 to 8, got \(choices)") }
        if rows < 1 { throw ValidationError("--rows must be at least 1, got \(rows)") }
        if !(tolerance >= 0) { throw ValidationError("--tolerance must be >= 0, got \(tolerance)") }
        if out == nil, key == nil {
            throw ValidationError("pass --out QUIZ (the key goes beside it) or --key KEY, or the answers would be lost")
        }
    }

    func run() throws {
        let records = try CurveDataset.read(path: file)
        var settings = CurveQuiz.Settings()
        settings.choices = choices
        settings.rows = rows
        settings.tolerance = tolerance
        let quiz = try CurveQuiz(records: records, count: count, seed: seed, settings: settings)
        let keyPath = key ?? QuizFiles.defaultKeyPath(forQuestions: out ?? "quiz.jsonl")
        try write(QuizFiles.encodeKey(quiz), to: keyPath)
        if let out {
            try write(QuizFiles.encodeQuestions(quiz), to: out)
            print("wrote \(quiz.questions.count) questions to \(out) and the answer key to \(keyPath)")
        } else {
            FileHandle.standardOutput.write(QuizFiles.encodeQuestions(quiz))
        }
        if quiz.questions.count < count {
            FileHandle.standardError.write(Data("made \(quiz.questions.count) of \(count) questions: the dataset has no more clear cases\n".utf8))
        }
    }

    private func write(_ data: Data, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw CurvesError(description: "cannot write '\(path)'")
        }
    }
}
