import Foundation
import Hummingbird
import SweepCore

extension Pages {
    /// `/studies/NAME/log?q=WORDS`: the research log (`ResearchLog`), newest first. `q` filters on
    /// the server (every word must appear; the others are sent hidden); the search box filters as
    /// one types (`logScript`), and submits `q` where scripts do not run.
    func log(_ name: String, _ request: Request) async throws -> Response {
        let record = try await answering { try await storage.study(named: name) }
        // The objective's curve only: a pruned trial's entry names its last step.
        let trials = try await answering { try await storage.trials(study: record.id, states: nil, curves: .only([record.config.objective])) }
        let log = ResearchLog(record: record, trials: trials)
        let query = Self.formValue(request, "q") ?? ""
        let shown = log.matching(query)
        let matching = Set(shown.map(\.searchText))
        let study = "/studies/\(escaped(pathSegment(name)))"
        // Every entry is sent, those that do not match hidden, so clearing the box shows them all.
        let items = log.entries.map { entry in
            let trial = entry.trial.map { " <a href=\"\(study)/trials/\($0)\">trial \($0)</a>" } ?? ""
            return "<li class=\"\(entry.kind.rawValue)\"\(matching.contains(entry.searchText) ? "" : " hidden") data-search=\"\(escaped(entry.searchText))\">"
                + "<time datetime=\"\(entry.time.formatted(.iso8601))\">\(Self.logTime(entry.time))</time> "
                + "<span class=\"kind\">\(entry.kind.rawValue)</span>\(trial) <span class=\"text\">\(escaped(entry.text))</span></li>"
        }.joined()
        let empty = log.entries.isEmpty
            ? "<p class=\"muted\">Nothing yet: notes (sweep note, POST /api/studies/NAME/notes) and finished trials appear here.</p>" : ""
        let body = """
            <p><a href="/">Studies</a> › <a href="\(study)">\(escaped(name))</a></p>
            <h1>Research log</h1>
            <form id="search" method="get" action="\(study)/log">
            <input type="search" name="q" value="\(escaped(query))" placeholder="search notes and results" aria-label="search the log" size="40">
            <button type="submit">search</button> <span id="shown" class="muted" data-total="\(log.entries.count)">\(shown.count) of \(log.entries.count) entries</span>
            </form>
            \(empty)
            <ol id="log" class="log">\(items)</ol>
            <script>\(Self.logScript)</script>
            """
        return Responses.html(page(title: "\(name) · research log", body: body))
    }

    /// A query parameter as a form sends it: `+` for a space, the rest percent-encoded.
    static func formValue(_ request: Request, _ key: String) -> String? {
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.first == key[...] else { continue }
            let raw = parts.count > 1 ? parts[1].replacingOccurrences(of: "+", with: " ") : ""
            return raw.removingPercentEncoding ?? raw
        }
        return nil
    }

    /// "2025-06-15 14:21:40 UTC".
    static func logTime(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(dateTimeSeparator: .space, timeZone: .gmt)).replacingOccurrences(of: "Z", with: " UTC")
    }

    /// Hides the entries that do not hold every word typed, as the server's `q` does.
    static let logScript = """
        (() => {
          const input = document.querySelector('#search input[name=q]'), items = [...document.querySelectorAll('#log li')];
          const shown = document.getElementById('shown'), total = shown.dataset.total;
          input.addEventListener('input', () => {
            const words = input.value.toLowerCase().split(/\\s+/).filter(w => w);
            let count = 0;
            for (const item of items) {
              const hit = words.every(w => item.dataset.search.includes(w));
              item.hidden = !hit;
              if (hit) count += 1;
            }
            shown.textContent = `${count} of ${total} entries`;
          });
        })();
        """
}
