import Foundation
import SweepCore
import Testing
@testable import SweepServer

/// The studies page: each study's counts, best, best-so-far sparkline and last activity.
@Suite(.timeLimit(.minutes(10))) struct StudiesPageTests {
    @Test func eachStudySaysWhenItLastMovedAndHowItsBestGrew() async throws {
        try await ServerTests.serving(try ImportancePageTests.storage()) { port in
            let page = try await ServerTests.get(port, "/")
            #expect(page.status == 200 && page.body.contains("<th>last activity</th>") && page.body.contains("<th>best so far</th>"))
            let row = try #require(page.body.components(separatedBy: "<tr>").first { $0.contains("href=\"/studies/imp\"") })
            #expect(row.contains("<time datetime=\""), "the latest finish: \(row)")
            #expect(row.contains("▁") && row.contains("█"), "a sparkline from worst to best: \(row)")
            let empty = try #require(page.body.components(separatedBy: "<tr>").first { $0.contains("href=\"/studies/empty\"") })
            #expect(empty.contains("<td>–</td>"), "no activity yet: \(empty)")
        }
    }

    @Test func theStudyPageShowsTheStudysNewestNotes() async throws {
        let storage = try ImportancePageTests.storage()
        let study = try storage.study(named: "imp")
        for i in 0..<12 { try storage.addStudyNote(study: study.id, note: Note(time: Date(timeIntervalSince1970: Double(i)), text: "note \(i) <b>")) }
        try await ServerTests.serving(storage) { port in
            let page = try await ServerTests.get(port, "/studies/imp")
            let notes = try #require(page.body.components(separatedBy: "id=\"study-notes\"").last)
            #expect(notes.contains("note 11 &lt;b&gt;") && !notes.contains("note 1 &lt;"), "the newest ten")
            #expect(try #require(notes.range(of: "note 11")).lowerBound < (try #require(notes.range(of: "note 2 "))).lowerBound)
            #expect(notes.contains("The newest 10 of 12;"))
            let empty = try await ServerTests.get(port, "/studies/empty")
            #expect(empty.body.contains("No note on the study yet."))
        }
    }

    @Test func theBestSoFarOnlyImproves() {
        let trials = [0.3, 0.1, 0.5, .nan, 0.4].enumerated().map { i, v in Trial(id: Int64(i + 1), number: i, state: .complete, value: v) }
        #expect(Pages.bestSoFar(trials, .maximize) == "▁▁██", "NaN is no value")
        #expect(Pages.bestSoFar(trials, .minimize) == "█▁▁▁")
        #expect(Pages.bestSoFar([], .maximize) == "")
    }
}
