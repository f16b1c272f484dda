/// Little-endian binary writing for index snapshots: fixed-width integers and doubles, length-
/// prefixed text. Doubles keep their bit pattern, NaN and infinities included.
struct SnapshotWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ v: Int64) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ v: Int) { int(Int64(v)) }

    mutating func double(_ v: Double) {
        withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func optional(_ v: Double?) {
        bytes.append(v == nil ? 0 : 1)
        double(v ?? 0)
    }

    mutating func optional(_ v: Int?) {
        bytes.append(v == nil ? 0 : 1)
        int(v ?? 0)
    }

    mutating func text(_ s: String) {
        let utf8 = Array(s.utf8)
        int(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    /// Doubles in one block: a count, then each bit pattern.
    mutating func doubles(_ values: [Double]) {
        int(values.count)
        bytes.reserveCapacity(bytes.count + 8 * values.count)
        for v in values { double(v) }
    }
}

/// Reads what `SnapshotWriter` wrote; every read checks the bounds and throws `SweepError.storage`
/// naming what was being read, never traps.
struct SnapshotReader {
    private let bytes: [UInt8]
    private var at = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { at == bytes.count }

    private mutating func take(_ n: Int, _ what: String) throws -> ArraySlice<UInt8> {
        guard n >= 0, n <= bytes.count - at else {
            throw SweepError.storage("index snapshot is cut short reading \(what) at byte \(at) of \(bytes.count)")
        }
        defer { at += n }
        return bytes[at..<(at + n)]
    }

    private mutating func word(_ what: String) throws -> UInt64 {
        var v: UInt64 = 0
        for (i, b) in try take(8, what).enumerated() { v |= UInt64(b) << (8 * UInt64(i)) }
        return v
    }

    mutating func int(_ what: String) throws -> Int64 { Int64(bitPattern: try word(what)) }

    /// A count or length: not negative, and not more items than bytes left (each item takes at
    /// least `width` bytes), so a damaged count cannot ask for a huge allocation.
    mutating func count(_ what: String, width: Int = 1) throws -> Int {
        let n = try int(what)
        guard n >= 0, n <= Int64((bytes.count - at) / Swift.max(1, width)) else {
            throw SweepError.storage("index snapshot has an impossible count \(n) for \(what)")
        }
        return Int(n)
    }

    mutating func double(_ what: String) throws -> Double { Double(bitPattern: try word(what)) }

    mutating func flag(_ what: String) throws -> Bool {
        let b = try take(1, what).first ?? 0
        guard b <= 1 else { throw SweepError.storage("index snapshot has flag \(b) for \(what); expected 0 or 1") }
        return b == 1
    }

    mutating func optionalDouble(_ what: String) throws -> Double? {
        let present = try flag(what)
        let v = try double(what)
        return present ? v : nil
    }

    mutating func optionalInt(_ what: String) throws -> Int? {
        let present = try flag(what)
        let v = try int(what)
        return present ? Int(v) : nil
    }

    mutating func text(_ what: String) throws -> String {
        let n = try count(what)
        guard let s = String(validating: try take(n, what), as: UTF8.self) else {
            throw SweepError.storage("index snapshot has text that is not UTF-8 for \(what)")
        }
        return s
    }

    mutating func doubles(_ what: String) throws -> [Double] {
        let n = try count(what, width: 8)
        var out: [Double] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try double(what)) }
        return out
    }
}
