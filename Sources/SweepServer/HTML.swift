import Foundation

/// Text made safe to put between HTML tags or in a quoted attribute.
func escaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for c in text {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(c)
        }
    }
    return out
}

/// A study name as a path segment of a link: every character but the unreserved ones (RFC 3986)
/// percent-encoded, `/` included.
func pathSegment(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
}

private let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

/// A whole page: the title, a little CSS, the body.
func page(title: String, body: String) -> String {
    """
    <!doctype html>
    <html lang="en"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(escaped(title)) · Sweep</title>
    <style>
    body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem auto; max-width: 72rem; padding: 0 1rem; color: #222; }
    h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 1.5rem; }
    table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #ddd; }
    td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; } table.pairs th { width: 12rem; }
    a { color: #1a5fb4; } .muted { color: #777; } svg { background: #fafafa; border: 1px solid #ddd; }
    .swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: 2px; vertical-align: -2px; }
    ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1.5rem; }
    tr.differs th, tr.differs td { background: #fff4ce; }
    ol.log { list-style: none; padding: 0; } ol.log li { padding: .35rem 0; border-bottom: 1px solid #eee; }
    ol.log time { color: #777; font-variant-numeric: tabular-nums; } .kind { font-size: .8rem; padding: 0 .3rem; border-radius: 3px; background: #e8eef7; }
    ol.log li.result .kind { background: #eee; }
    div.slices { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; } figure { margin: 0; } figcaption { font-weight: 600; margin: .3rem 0; }
    .ramp { display: inline-block; width: 5rem; height: .7rem; vertical-align: -1px; background: linear-gradient(to right, #c6dbef, #4292c6, #08306b); }
    </style></head>
    <body>
    \(body)
    </body></html>
    """
}
