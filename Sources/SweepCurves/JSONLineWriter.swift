/// Writes curve datasets as JSON quickly: numbers, strings and `CurveJSON` values appended to a
/// byte buffer, without going through `JSONEncoder` (which costs microseconds per value).
///
/// Numbers are written in Swift's shortest round-trip form, or rounded to `significantDigits`
/// when given; NaN and infinities become `null`.
struct JSONLineWriter {
    var bytes: [UInt8] = []
    /// Round numbers to this many significant digits (nil: exact).
    var significantDigits: Int?

    init(significantDigits: Int? = nil, capacity: Int = 0) {
        self.significantDigits = significantDigits
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20:
                raw("\\u00")
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(hex[Int(b >> 4)])
                bytes.append(hex[Int(b & 0xF)])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func number(_ d: Double) {
        guard d.isFinite else { return raw("null") }
        if let digits = significantDigits, appendRounded(d, digits: digits) { return }
        bytes.append(contentsOf: "\(d)".utf8)
    }

    mutating func int(_ i: Int) {
        bytes.append(contentsOf: String(i).utf8)
    }

    mutating func numbers(_ values: [Double]) {
        bytes.append(UInt8(ascii: "["))
        for (i, v) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            number(v)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func value(_ v: CurveJSON) {
        switch v {
        case .null: raw("null")
        case .bool(let b): b ? raw("true") : raw("false")
        case .number(let d): number(d)
        case .string(let s): string(s)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                value(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members): object(members)
        }
    }

    mutating func object(_ members: [String: CurveJSON]) {
        bytes.append(UInt8(ascii: "{"))
        for (i, key) in members.keys.sorted().enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            string(key)
            bytes.append(UInt8(ascii: ":"))
            value(members[key]!)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// Writes `d` rounded to `digits` significant digits in plain decimal notation when its
    /// magnitude allows (1e-6 ≤ |d| < 1e15); returns false to fall back to the exact form.
    private mutating func appendRounded(_ d: Double, digits: Int) -> Bool {
        if d == 0 {
            bytes.append(UInt8(ascii: "0"))
            return true
        }
        let magnitude = abs(d)
        guard magnitude >= 1e-6, magnitude < 1e15, digits >= 1, digits <= 15 else { return false }
        var exponent = Int((magnitude.log10Floor))
        var decimals = max(0, digits - 1 - exponent)
        var scaled = (magnitude * Self.powersOfTen[decimals]).rounded()
        if scaled >= Self.powersOfTen[digits] && decimals > 0 {
            // Rounding carried into a new digit (9.9999995 → 10.00000): one decimal fewer.
            exponent += 1
            decimals -= 1
            scaled = (magnitude * Self.powersOfTen[decimals]).rounded()
        }
        guard scaled < 9e15 else { return false }
        var integer = UInt64(scaled)
        // Trailing zeros of the fraction are dropped.
        while decimals > 0 && integer % 10 == 0 {
            integer /= 10
            decimals -= 1
        }
        if d < 0 { bytes.append(UInt8(ascii: "-")) }
        var digitsBuffer: [UInt8] = []
        var n = integer
        repeat {
            digitsBuffer.append(UInt8(ascii: "0") + UInt8(n % 10))
            n /= 10
        } while n > 0
        while digitsBuffer.count <= decimals { digitsBuffer.append(UInt8(ascii: "0")) }
        for (i, b) in digitsBuffer.reversed().enumerated() {
            if decimals > 0 && i == digitsBuffer.count - decimals { bytes.append(UInt8(ascii: ".")) }
            bytes.append(b)
        }
        return true
    }

    private static let powersOfTen: [Double] = (0...22).map { p in (0..<p).reduce(1.0) { a, _ in a * 10 } }
}

extension Double {
    /// ⌊log10(self)⌋ for a positive finite number, exact at powers of ten.
    fileprivate var log10Floor: Int {
        var e = Int((Foundation.log10(self)).rounded(.down))
        if Self.power(e + 1) <= self { e += 1 } else if Self.power(e) > self { e -= 1 }
        return e
    }

    private static func power(_ e: Int) -> Double {
        Foundation.pow(10, Double(e))
    }
}

import Foundation
