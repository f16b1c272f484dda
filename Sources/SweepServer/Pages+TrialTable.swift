import SweepCore

extension Pages {
    /// Rows a study page's trial table shows unless `?limit=` says.
    static let pageSize = 100
    /// The page sizes offered.
    static let pageSizes = [50, 100, 200, 500]

    /// What a served study page's trial table shows: one page of the trials `query` selects.
    struct TrialTable {
        var query: TrialQuery
        /// How many trials pass the filters, and how many the study has.
        var total: Int
        var studyTotal: Int
        /// `/studies/NAME`, escaped for an attribute.
        var base: String
        /// Trials by state, for the filter's links.
        var counts: [TrialState: Int]
        /// The curve view's query items, kept by every link and form of the table.
        var view: [(key: String, value: String)] = []

        /// True when new trials belong at the end of the rows shown: number order, no filter, the
        /// last page. The live script appends them then (up to the page's size).
        var appendsNew: Bool {
            query.sort == .number && !query.descending && query.state == nil && query.param == nil && query.offset + query.limit >= total
        }

        /// A link to this table with `change` applied.
        func link(_ change: (inout TrialQuery) -> Void) -> String {
            var next = query
            change(&next)
            let text = (next.items(defaultLimit: Pages.pageSize) + view).map { "\($0.key)=\(TrialQuery.encoded($0.value))" }
                .joined(separator: "&")
            return base + (text.isEmpty ? "" : "?" + escaped(text))
        }

        /// "trials 101–200 of 10,000" and the links to the first, previous, next and last pages
        /// and to other page sizes; the one above the table (`top`) names its parts with ids.
        func navigation(top: Bool) -> String {
            let shown = max(0, min(query.limit, total - query.offset))
            let range = shown == 0
                ? "no trial\(query.state == nil && query.param == nil ? "" : " passes the filter")" + (query.offset > 0 && total > 0 ? " on this page" : "")
                : "trials \(grouped(query.offset + 1))–\(grouped(query.offset + shown)) of \(grouped(total))"
                    + (total < studyTotal ? " (of \(grouped(studyTotal)) in the study)" : "")
            let lastOffset = max(0, (total - 1) / query.limit * query.limit)
            let before = query.offset > 0, after = query.offset + query.limit < total
            func step(_ label: String, _ id: String, _ enabled: Bool, _ offset: Int) -> String {
                enabled ? "<a\(top ? " id=\"\(id)\"" : "") href=\"\(link { $0.offset = offset })\">\(label)</a>" : "<span class=\"muted\">\(label)</span>"
            }
            let steps = [
                step("first", "page-first", before, 0), step("previous", "page-previous", before, max(0, query.offset - query.limit)),
                step("next", "page-next", after, query.offset + query.limit), step("last", "page-last", after, lastOffset),
            ].joined(separator: " ")
            let sizes = Pages.pageSizes.map { size in
                size == query.limit ? "<b>\(size)</b>" : "<a href=\"\(link { $0.limit = size; $0.offset = query.offset / size * size })\">\(size)</a>"
            }.joined(separator: " ")
            return "<p class=\"table-nav\"><span\(top ? " id=\"range\"" : "")>\(range)</span> · \(steps) · per page: \(sizes)</p>"
        }

        /// Links that keep only one state (with its count), or all; and a box to keep trials by a
        /// parameter's value.
        func filters() -> String {
            func choice(_ label: String, _ state: TrialState?) -> String {
                let count = state.map { counts[$0] ?? 0 } ?? studyTotal
                let text = "\(label) (\(grouped(count)))"
                return state == query.state ? "<b>\(text)</b>" : "<a href=\"\(link { $0.state = state; $0.offset = 0 })\">\(text)</a>"
            }
            let states = [choice("all", nil)] + TrialState.allCases.filter { counts[$0] != nil }.map { choice($0.rawValue, $0) }
            var hidden = ""
            for (key, value) in [("state", query.state?.rawValue), ("sort", query.sort == .number ? nil : query.sort.rawValue),
                                 ("order", query.descending ? "desc" : nil), ("limit", query.limit == Pages.pageSize ? nil : String(query.limit))] {
                if let value { hidden += "<input type=\"hidden\" name=\"\(key)\" value=\"\(escaped(value))\">" }
            }
            let current = query.param.map { name in escaped(query.equals.map { "\(name)=\($0)" } ?? name) } ?? ""
            let clear = query.param == nil ? "" : " <a id=\"param-clear\" href=\"\(link { $0.param = nil; $0.equals = nil; $0.offset = 0 })\">clear</a>"
            return "<p id=\"state-filter\">state: \(states.joined(separator: " · "))</p>"
                + "<form id=\"param-filter\" method=\"get\" action=\"\(base)\">\(hidden)\(CurveView.hidden(view))<label>parameter "
                + "<input name=\"param\" value=\"\(current)\" placeholder=\"opt=adam\" required size=\"24\"></label> "
                + "<button type=\"submit\">filter</button>\(clear) <span class=\"muted\">NAME=VALUE as the table shows it, or NAME</span></form>"
        }

        /// A column's heading: a link that sorts by it (again: the other way), with an arrow on
        /// the column sorted by.
        func heading(_ label: String, _ key: TrialQuery.Key, numeric: Bool) -> String {
            let current = query.sort == key
            let arrow = current ? (query.descending ? " ▼" : " ▲") : ""
            let href = link { $0.sort = key; $0.descending = current && !query.descending; $0.offset = 0 }
            return "<th\(numeric ? " class=\"n\"" : "") aria-sort=\"\(current ? (query.descending ? "descending" : "ascending") : "none")\">"
                + "<a class=\"sort\" href=\"\(href)\">\(escaped(label))\(arrow)</a></th>"
        }
    }
}

/// A count with thousands separated: 10,000.
func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}
