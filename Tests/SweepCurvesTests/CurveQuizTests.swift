import Foundation
import SweepCurves
import Testing

/// A dataset of logistic curves with different onsets, speeds and levels, plus noise.
enum QuizData {
    static let records: [CurveRecord] = (0..<12).map { k in
        let midpoint = 20 + Double(k % 4) * 25
        let width = 3 + Double(k % 3) * 6
        let high = 0.4 + Double(k) * 0.05
        let curve = Curves.plus(Curves.logistic(count: 150, midpoint: midpoint, width: width, high: high), Curves.noise(count: 150, sigma: 0.02, seed: UInt64(k)))
        return CurveRecord(id: "t\(k)", params: ["k": .number(Double(k))], curve: curve)
    }
    static let byID = Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) })
}

@Suite struct CurveQuizTests {
    let quiz: CurveQuiz

    init() throws { quiz = try CurveQuiz(records: QuizData.records, count: 24, seed: 42) }

    @Test func makesTheAskedNumberWithEveryType() {
        #expect(quiz.questions.count == 24 && quiz.key.count == 24)
        #expect(Set(quiz.questions.map(\.type)) == Set(QuizQuestionType.allCases))
        #expect(quiz.questions.map(\.id) == (1...24).map { "q\($0)" })
    }

    @Test func sameSeedSameQuizOtherSeedOtherQuiz() throws {
        let again = try CurveQuiz(records: QuizData.records, count: 24, seed: 42)
        #expect(QuizFiles.encodeQuestions(again) == QuizFiles.encodeQuestions(quiz))
        let other = try CurveQuiz(records: QuizData.records, count: 24, seed: 43)
        #expect(QuizFiles.encodeQuestions(other) != QuizFiles.encodeQuestions(quiz))
    }

    @Test func answersAgreeWithTheMeasures() throws {
        for entry in quiz.key {
            let measures = entry.curves.compactMap { QuizData.byID[$0] }.map { CurveMeasures($0) }
            let chosen = entry.answer.flatMap { entry.options.firstIndex(of: $0) }
            switch entry.type {
            case .highest:
                let best = measures.indices.max { measures[$0].smoothedBest < measures[$1].smoothedBest }
                #expect(chosen == best, "\(entry.id)")
            case .fastest:
                #expect(chosen == measures.indices.max { measures[$0].rate < measures[$1].rate }, "\(entry.id)")
            case .slowest:
                #expect(chosen == measures.indices.min { measures[$0].rate < measures[$1].rate }, "\(entry.id)")
            case .onset:
                #expect(entry.answerStep == measures[0].onsetStep)
            case .stop:
                #expect(entry.answerStep == measures[0].stopStep)
            case .pair:
                let records = entry.curves.compactMap { QuizData.byID[$0] }
                let p = CurveComparison(records[0], records[1]).probabilityFirstIsBetter
                #expect(chosen == (p > 0.5 ? 0 : 1), "\(entry.id)")
            }
        }
    }

    @Test func pairsAreAskedInBothOrders() {
        let pairs = Dictionary(grouping: quiz.key.filter { $0.type == .pair }, by: { $0.pair ?? "" })
        #expect(!pairs.isEmpty)
        for (_, both) in pairs {
            #expect(both.count == 2)
            #expect(both[0].curves == both[1].curves.reversed())
            // The right curve is the same in both orders.
            let right = both.map { e in e.curves[e.options.firstIndex(of: e.answer ?? "") ?? 0] }
            #expect(right[0] == right[1])
        }
    }

    @Test func questionsHideAnswersIdsAndParameters() throws {
        let text = String(decoding: QuizFiles.encodeQuestions(quiz), as: UTF8.self)
        #expect(!text.contains("\"answer"))
        #expect(!text.contains("t1") && !text.contains("params"))
        for line in text.split(separator: "\n") {
            let q = try JSONDecoder().decode(QuizQuestion.self, from: Data(line.utf8))
            #expect(q.prompt.contains("### A"))
            #expect(q.type.asksForStep ? q.options.isEmpty : q.options.count >= 2)
        }
    }

    @Test func tooFewCurvesIsAnError() {
        #expect(throws: QuizError.notEnoughCurves(usable: 1)) {
            try CurveQuiz(records: [QuizData.records[0], CurveRecord(id: "short", curve: [1, 2])], count: 3, seed: 1)
        }
    }

    @Test func identicalCurvesGiveNoChoiceQuestions() throws {
        let flat = (0..<4).map { CurveRecord(id: "f\($0)", curve: [Double](repeating: 1, count: 20)) }
        let q = try CurveQuiz(records: flat, count: 5, seed: 1)
        // Nothing is clear about identical flat curves, so no question is made.
        #expect(q.questions.isEmpty)
    }

    @Test func keyFileRoundTripsAndSitsBesideTheQuestions() throws {
        #expect(try QuizFiles.parseKey(QuizFiles.encodeKey(quiz)) == quiz.key)
        #expect(QuizFiles.defaultKeyPath(forQuestions: "/tmp/quiz.jsonl") == "/tmp/quiz.key.jsonl")
        #expect(throws: QuizError.notAKey(source: "q")) { try QuizFiles.parseKey(QuizFiles.encodeQuestions(quiz), source: "q") }
    }

    /// An infinite or NaN step tolerance trapped converting to Int.
    @Test(arguments: [Double.infinity, .nan, -1, 1e300])
    func anyToleranceGivesAStepCount(tolerance: Double) throws {
        var settings = CurveQuiz.Settings()
        settings.tolerance = tolerance
        settings.types = [.onset, .stop]
        let quiz = try CurveQuiz(records: QuizData.records, count: 4, seed: 1, settings: settings)
        for entry in quiz.key { #expect((entry.tolerance ?? 1) >= 1 && (entry.tolerance ?? 1) <= 149) }
    }
}
