import Foundation

/// `150` for 150.0, `0.25` for 0.25, `nan`, `inf`, `-inf`: numbers as people write them in
/// messages, specs and tables. Integral values below 1e15 have no trailing `.0`; others keep
/// Swift's shortest round-tripping text.
public func formatNumber(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value == value.rounded(), Swift.abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
}

/// `value` to `digits` significant digits (`0.08565`, `1e+308`, `150`), for labels and tables
/// people scan; `nan`, `inf` and `-inf` as `formatNumber` writes them.
public func formatNumber(_ value: Double, significantDigits digits: Int) -> String {
    if !value.isFinite { return formatNumber(value) }
    return String(format: "%.\(max(1, digits))g", value)
}
