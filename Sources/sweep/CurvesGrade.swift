import ArgumentParser
import SweepCurves

/// `sweep curves grade QUIZ ANSWERS`: scores a judge's answers per question type.
struct CurvesGrade: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade a judge's answers to a quiz, per question type.",
        discussion: """
            QUIZ is the answer key (or the questions file with its key beside it). ANSWERS is JSON \
            lines: {"id": "q1", "answer": "B"} for choice questions, {"id": "q2", "answer": 120} for \
            step questions.
            """)

    @Argument(help: "The quiz's answer key.") var quiz: String
    @Argument(help: "The judge's answers (JSON lines).") var answers: String
    @Flag(help: "Print the grade as JSON.") var json = false
    @Flag(help: "Count unanswered questions as wrong instead of failing.") var allowMissing = false

    func run() throws {
        let key = try QuizFiles.readKey(quizOrKeyPath: quiz)
        let given = try QuizAnswers.read(path: answers, key: key)
        let grade = try QuizGrade(key: key, answers: given, allowMissing: allowMissing)
        if json {
            try Output.json(grade)
        } else {
            print(grade.markdown, terminator: "")
        }
    }
}
