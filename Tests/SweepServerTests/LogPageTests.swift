import Foundation
import SweepCore
import Testing

/// `/studies/NAME/log`: the study's notes, its trials' notes and how each trial ended, newest
/// first, every string escaped; `?q=` keeps the entries holding every word.
@Suite(.timeLimit(.minutes(10))) struct LogPageTests {
    /// The visible entries' texts (kind, trial, text), in page order.
    static func visible(_ body: String) -> [String] {
        body.components(separatedBy: "<li class=\"").dropFirst().filter { !$0.contains("\" hidden data-search") }.map { item in
            let kind = item.prefix { $0 != "\"" }
            let trial = item.range(of: "\">trial ").map { item[$0.upperBound...].prefix { $0 != "<" } }.map { " \($0)" } ?? ""
            let text = item.components(separatedBy: "<span class=\"text\">").last?.components(separatedBy: "</span>").first ?? ""
            return "\(kind)\(trial): \(text)"
        }
    }

    @Test func theLogListsNotesAndResultsNewestFirst() async throws {
        try await ServerTests.serving(try HostileStudy.storage()) { port in
            let reply = try await ServerTests.get(port, "/studies/\(HostileStudy.path)/log")
            #expect(reply.status == 200 && reply.contentType.hasPrefix("text/html"))
            let body = reply.body
            #expect(!body.contains("<script>alert(1)") && body.contains("<a href=\"/studies/\(HostileStudy.path)\">&lt;script&gt;alert(1)&lt;/script&gt;</a>"))
            #expect(Self.visible(body) == [
                "result 5: failed · exit status 1",
                "result 4: complete · reward = 0.899698",
                "result 3: pruned at step 3 · reward = – · &lt;b&gt;slow&lt;/b&gt; below median",
                "result 2: complete · reward = 0.778198",
                "result 1: complete · reward = 0.893936",
                "note 1: &lt;b&gt;spiky&lt;/b&gt; start",
                "result 0: complete · reward = 0.855192",
                "note: &lt;b&gt;baseline&lt;/b&gt; first",
            ], "\(Self.visible(body))")
            #expect(body.contains("<time datetime=\"2025-06-15T15:06:40Z\">2025-06-15 15:06:40 UTC</time>"), "\(body)")
            #expect(body.contains("<span id=\"shown\" class=\"muted\" data-total=\"8\">8 of 8 entries</span>"))
            #expect(!body.contains("<b>"), "no user string as markup")

            // The study page links here.
            let study = try await ServerTests.get(port, "/studies/\(HostileStudy.path)")
            #expect(study.body.contains("<a id=\"log-link\" href=\"/studies/\(HostileStudy.path)/log\">"))
        }
    }

    @Test func theQueryKeepsEntriesWithEveryWord() async throws {
        try await ServerTests.serving(try HostileStudy.storage()) { port in
            let sgd = try await ServerTests.get(port, "/studies/\(HostileStudy.path)/log?q=%3Cb%3E+START")
            #expect(Self.visible(sgd.body) == ["note 1: &lt;b&gt;spiky&lt;/b&gt; start"], "\(Self.visible(sgd.body))")
            #expect(sgd.body.contains("value=\"&lt;b&gt; START\""), "the query is kept in the box, escaped")
            #expect(sgd.body.contains(">1 of 8 entries<") && sgd.body.components(separatedBy: "\" hidden data-search").count - 1 == 7, "the rest is sent hidden")
            let trial = try await ServerTests.get(port, "/studies/\(HostileStudy.path)/log?q=trial+4")
            #expect(Self.visible(trial.body) == ["result 4: complete · reward = 0.899698"])
            let plus = try await ServerTests.get(port, "/studies/\(HostileStudy.path)/log?q=1%2B1")
            #expect(plus.body.contains("value=\"1+1\""), "an encoded + is a plus, a bare + a space")
            let none = try await ServerTests.get(port, "/studies/\(HostileStudy.path)/log?q=zebra")
            #expect(Self.visible(none.body).isEmpty && none.body.contains(">0 of 8 entries<"))
            #expect(try await ServerTests.get(port, "/studies/nope/log").status == 404)
        }
    }

    /// A study with nothing to log says where entries come from.
    @Test func anEmptyLogSaysWhatWillAppear() async throws {
        let storage = InMemoryStorage()
        _ = try storage.createStudy(StudyConfig(name: "quiet", direction: .minimize))
        try await ServerTests.serving(storage) { port in
            let reply = try await ServerTests.get(port, "/studies/quiet/log")
            #expect(reply.status == 200 && reply.body.contains("Nothing yet") && reply.body.contains(">0 of 0 entries<"))
        }
    }
}
