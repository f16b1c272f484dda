import Foundation
import SweepCurves
import Testing

@Suite struct QuizGradeTests {
    static let key = [
        QuizKeyEntry(id: "q1", type: .highest, options: ["A", "B", "C"], answer: "B", curves: ["x", "y", "z"]),
        QuizKeyEntry(id: "q2", type: .onset, options: [], answerStep: 50, tolerance: 5, curves: ["x"]),
        QuizKeyEntry(id: "q3", type: .pair, options: ["A", "B"], answer: "A", curves: ["x", "y"], pair: "p1"),
        QuizKeyEntry(id: "q4", type: .pair, options: ["A", "B"], answer: "B", curves: ["y", "x"], pair: "p1"),
        QuizKeyEntry(
            id: "q5", type: .stop, options: [], answerStep: 20, tolerance: 2, curves: ["x"], steps: [0, 10, 20, 30],
            progress: [0, 0.5, 0.99, 1]),
    ]

    static func answers(_ text: String) throws(QuizError) -> [String: QuizAnswers.Answer] {
        try QuizAnswers.parse(Data(text.utf8), key: key, source: "answers.jsonl")
    }

    @Test func allCorrectScoresOne() throws {
        let a = try Self.answers("""
            {"id": "q1", "answer": "B"}
            {"id": "q2", "answer": 50}
            {"id": "q3", "answer": "a"}
            {"id": "q4", "answer": "B"}
            {"id": "q5", "answer": "20"}
            """)
        let g = try QuizGrade(key: Self.key, answers: a)
        #expect(g.accuracy == 1 && g.correct == 5)
        let pair = try #require(g.byType.first { $0.type == .pair })
        #expect(pair.consistency == 1 && pair.pairs == 1)
        let stop = try #require(g.byType.first { $0.type == .stop })
        #expect(stop.meanAbsoluteStepError == 0 && abs((stop.meanRegret ?? 1) - 0.01) < 1e-12)
    }

    @Test func aKnownMix() throws {
        let a = try Self.answers("""
            {"id": "q1", "answer": "C"}
            {"id": "q2", "answer": 54}
            {"id": "q3", "answer": "A"}
            {"id": "q4", "answer": "A"}
            {"id": "q5", "answer": 9}
            """)
        let g = try QuizGrade(key: Self.key, answers: a)
        // Right: q2 (within 5), q3. Wrong: q1, q4 (inconsistent with q3), q5 (11 steps early).
        #expect(g.correct == 2 && abs(g.accuracy - 0.4) < 1e-12)
        let byType = Dictionary(uniqueKeysWithValues: g.byType.map { ($0.type, $0) })
        #expect(byType[.onset]?.meanAbsoluteStepError == 4)
        #expect(byType[.pair]?.consistency == 0 && byType[.pair]?.accuracy == 0.5)
        // Stopping at 9 keeps the progress of step 0.
        #expect(byType[.stop]?.meanRegret == 1 && byType[.stop]?.meanAbsoluteStepError == 11)
        #expect(g.markdown.contains("| pair | 2 | 2 | 1 | 0.5 |"))
    }

    @Test func missingAnswersAreAnErrorUnlessAllowed() throws {
        let a = try Self.answers(#"{"id": "q1", "answer": "B"}"#)
        #expect(throws: QuizError.missingAnswers(ids: ["q2", "q3", "q4", "q5"])) { try QuizGrade(key: Self.key, answers: a) }
        let g = try QuizGrade(key: Self.key, answers: a, allowMissing: true)
        #expect(g.answered == 1 && g.correct == 1 && abs(g.accuracy - 0.2) < 1e-12)
    }

    @Test(arguments: [
        ("{\"id\": \"q1\", \"answer\": \"B\"}\nnot json", 2, "expected a JSON object a line"),
        ("{\"answer\": \"B\"}", 1, "missing or non-string \"id\""),
        ("{\"id\": \"q1\"}", 1, "missing \"answer\" for q1"),
        ("{\"id\": \"q2\", \"answer\": \"B\"}", 1, "q2 (onset) expects a step number"),
        ("{\"id\": \"q2\", \"answer\": 1.5}", 1, "q2 (onset) expects a step number"),
        ("{\"id\": \"q1\", \"answer\": \"D\"}", 1, "q1 (highest) expects one of \"A\", \"B\", \"C\""),
        ("{\"id\": \"q1\", \"answer\": \"B\"}\n\n{\"id\": \"q1\", \"answer\": \"B\"}", 3, "a second answer for q1"),
    ])
    func malformedAnswerLinesNameTheLine(_ text: String, _ line: Int, _ message: String) {
        do {
            _ = try Self.answers(text)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("answers.jsonl:\(line): "))
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test func unknownIdsAreNamed() {
        #expect(throws: QuizError.unknownQuestion(source: "answers.jsonl", line: 1, id: "q9")) {
            try Self.answers(#"{"id": "q9", "answer": "A"}"#)
        }
    }

    @Test func gradingTheGeneratedKeyWithItsOwnAnswersScoresOne() throws {
        let quiz = try CurveQuiz(records: QuizData.records, count: 18, seed: 5)
        var lines: [String] = []
        for e in quiz.key {
            lines.append(e.answerStep.map { "{\"id\": \"\(e.id)\", \"answer\": \($0)}" } ?? "{\"id\": \"\(e.id)\", \"answer\": \"\(e.answer ?? "")\"}")
        }
        let answers = try QuizAnswers.parse(Data(lines.joined(separator: "\n").utf8), key: quiz.key)
        let g = try QuizGrade(key: quiz.key, answers: answers)
        #expect(g.accuracy == 1)
        #expect(g.byType.first { $0.type == .stop }.map { ($0.meanRegret ?? 1) < 0.1 } ?? true)
    }
}
