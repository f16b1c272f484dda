import Foundation
import Testing

/// `sweep export html`: the study page of a study `sweep run` made, written as one file that
/// holds its plots and loads nothing.
@Suite(.timeLimit(.minutes(10))) struct ExportHTMLTests {
    @Test func writesOneSelfContainedPageOfTheStudy() async throws {
        let dir = try await ServeCommandTests.toyStudyFolder()
        defer { try? FileManager.default.removeItem(at: dir) }

        let export = try await SweepProcess.run(["export", "html", "--study", "toy", "--out", "study.html"], in: dir)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.hasPrefix("wrote the page of study 'toy' to ") && export.stdout.contains("study.html ("), "\(export.stdout)")
        let html = try String(contentsOf: dir.appendingPathComponent("study.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!doctype html>") && html.contains("<h1>toy</h1>"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"curves\""), "the curves")
        #expect(html.contains("id=\"parallel\"") && html.components(separatedBy: "class=\"slice\"").count - 1 == 4, "the parameter plots")
        #expect(html.components(separatedBy: "<tr data-trial=").count - 1 == 40, "every trial in the table")
        // Nothing to fetch or follow: no src, no href, no script (the only URL is the SVG namespace).
        #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("<script") && !html.contains("url("))
        #expect(html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").range(of: "http") == nil)

        let json = try await SweepProcess.run(["export", "html", "--study", "toy", "--out", "again.html", "--json"], in: dir)
        #expect((SweepProcess.object(json)["bytes"] as? Int) == html.utf8.count, "\(json.stdout)")
        let missing = try await SweepProcess.run(["export", "html", "--study", "nope", "--out", "nope.html"], in: dir)
        #expect(missing.status == 66 && missing.stderr.contains("no study named 'nope'"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("nope.html").path))
    }
}
