import Foundation

/// Numbers as short text for renderings.
enum NumberText {
    /// `x` rounded to `digits` significant digits; nil for NaN and infinities.
    static func rounded(_ x: Double, digits: Int) -> Double? {
        guard x.isFinite else { return nil }
        return Double(String(format: "%.\(max(1, digits))g", x)) ?? x
    }

    /// `x` with at most `digits` significant digits ("-" when nil or not finite).
    static func text(_ x: Double?, digits: Int, missing: String = "-") -> String {
        guard let x, x.isFinite else { return missing }
        return String(format: "%.\(max(1, digits))g", x)
    }


    /// A markdown table cell: pipes escaped.
    static func markdownCell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|")
    }
}
