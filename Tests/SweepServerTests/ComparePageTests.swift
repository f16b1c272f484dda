import Foundation
import SweepCore
import Testing

/// `/studies/NAME/compare?trials=...`: the chosen trials' curves in a colour each, their
/// parameters side by side with the differences highlighted, every shared metric overlaid; bad
/// choices are a page saying what was wrong.
@Suite(.timeLimit(.minutes(10))) struct ComparePageTests {
    @Test func theComparePageOverlaysTheChosenTrialsAndHighlightsDifferences() async throws {
        try await ServerTests.serving(try HostileStudy.storage()) { port in
            let reply = try await ServerTests.get(port, "/studies/\(HostileStudy.path)/compare?trials=1,3,4")
            #expect(reply.status == 200 && reply.contentType.hasPrefix("text/html"), "\(reply.status) \(reply.body)")
            let body = reply.body
            #expect(body.contains("<h1>Compare trials 1, 3, 4</h1>"))
            #expect(!body.contains("<script>alert(1)") && body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name is text")
            #expect(body.contains("<a href=\"/studies/\(HostileStudy.path)\">"), "a link back, encoded")
            // A plot for the objective and one for loss, a line per trial in its own colour.
            #expect(body.components(separatedBy: "<svg").count - 1 == 2)
            for (number, colour) in [(1, "#1f77b4"), (3, "#ff7f0e"), (4, "#2ca02c")] {
                #expect(body.contains("<path data-trial=\"\(number)\" data-state="), "trial \(number) drawn")
                #expect(body.contains("stroke=\"\(colour)\""), "trial \(number) in \(colour)")
            }
            #expect(body.components(separatedBy: "<li><span class=\"swatch\"").count - 1 == 3, "a legend entry per trial")
            // The table: parameters that differ are highlighted, the same ones are not.
            #expect(body.contains("<tr id=\"param-opt\" class=\"differs\"><th>opt</th><td>&lt;b&gt;sgd&lt;/b&gt;</td><td>rmsprop</td><td>&lt;b&gt;sgd&lt;/b&gt;</td></tr>"), "\(body)")
            #expect(body.contains("<tr><th>state</th><td>complete</td><td>pruned</td><td>complete</td></tr>"))
            #expect(body.contains("<td>&lt;b&gt;slow&lt;/b&gt; below median</td>"), "the prune reason, escaped")
            #expect(body.contains("&lt;b&gt;spiky&lt;/b&gt; start") && !body.contains("<b>spiky"), "notes escaped")
            let same = try await ServerTests.get(port, "/studies/\(HostileStudy.path)/compare?trials=1,2")
            #expect(same.body.contains("<tr id=\"param-layers\"><th>layers</th><td>4</td><td>4</td></tr>"), "equal values are not highlighted")
            #expect(try await ServerTests.get(port, "/studies/nope/compare?trials=1,2").status == 404)
        }
    }

    @Test(arguments: [
        ("", 400, "choose the trials to compare: ?trials=3,7,12"),
        ("?trials=1", 400, "compare 2 to 10 trials, got 1"),
        ("?trials=0,1,2,3,4,5,6,7,8,9,10", 400, "compare 2 to 10 trials, got 11"),
        ("?trials=1,x%3Cb%3E", 400, "&#39;x&lt;b&gt;&#39; in ?trials= is not a trial number"),
        ("?trials=1,-2", 400, "&#39;-2&#39; in ?trials= is not a trial number"),
        ("?trials=1,1", 400, "trial 1 is listed twice"),
        ("?trials=1,40,41", 404, "has no trials 40, 41"),
    ])
    func badChoicesArePagesNamingWhatWasWrong(query: String, status: Int, message: String) async throws {
        try await ServerTests.serving(try HostileStudy.storage()) { port in
            let reply = try await ServerTests.get(port, "/studies/\(HostileStudy.path)/compare\(query)")
            #expect(reply.status == status && reply.contentType.hasPrefix("text/html"), "\(query): \(reply.status)")
            #expect(reply.body.contains(message), "\(query): \(reply.body)")
            #expect(!reply.body.contains("<script>alert(1)"))
        }
    }
}

