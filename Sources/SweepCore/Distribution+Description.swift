/// A distribution reads the way a user writes it on the command line: `float:0.0001:1:log`,
/// `float:0:1:step=0.1`, `int:1:5`, `int:8:256:log`, `cat:adam,sgd`.
///
/// Error messages interpolate distributions, so this is what a user sees when a value is outside
/// one; `SearchSpace.parseParameter` reads the same text back.
extension Distribution: CustomStringConvertible {
    public var description: String {
        switch self {
        case .float(let d):
            return "float:\(formatNumber(d.low)):\(formatNumber(d.high))" + (d.log ? ":log" : "")
                + (d.step.map { ":step=\(formatNumber($0))" } ?? "")
        case .int(let d):
            return "int:\(d.low):\(d.high)" + (d.log ? ":log" : "") + (d.step == 1 ? "" : ":step=\(d.step)")
        case .categorical(let d):
            return "cat:" + d.choices.map(\.description).joined(separator: ",")
        }
    }
}
