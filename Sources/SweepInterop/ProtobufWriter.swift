/// Protocol Buffers' binary wire format, written by hand for the few messages TensorBoard reads
/// (`TensorBoardEvents`): varints, 64- and 32-bit little-endian numbers, and length-delimited
/// strings, bytes and nested messages.
///
/// Each call writes one field as asked, default values too (a proto3 reader treats a written
/// zero as unset, except inside a `oneof`, where it says which member is set): callers leave out
/// fields they do not want.
struct ProtobufWriter {
    /// The encoded message.
    private(set) var bytes: [UInt8] = []

    /// How a field's value is laid out after its key.
    enum WireType: UInt64 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case fixed32 = 5
    }

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// An unsigned varint: seven bits a byte, least significant first, the high bit set on every
    /// byte but the last.
    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// A field's key: its number and wire type.
    mutating func key(_ field: Int, _ type: WireType) {
        varint(UInt64(field) << 3 | type.rawValue)
    }

    /// An `int64`, `int32` or enum field (a negative number takes ten bytes, two's complement).
    mutating func int(_ field: Int, _ value: Int64) {
        key(field, .varint)
        varint(UInt64(bitPattern: value))
    }

    mutating func bool(_ field: Int, _ value: Bool) {
        key(field, .varint)
        bytes.append(value ? 1 : 0)
    }

    /// A `double` field: the IEEE 754 bits, little-endian (NaN and the infinities as they are).
    mutating func double(_ field: Int, _ value: Double) {
        key(field, .fixed64)
        fixed64(value.bitPattern)
    }

    /// A `float` field: the value rounded to 32 bits, little-endian.
    mutating func float(_ field: Int, _ value: Float) {
        key(field, .fixed32)
        fixed32(value.bitPattern)
    }

    /// A `bytes` field.
    mutating func bytes(_ field: Int, _ value: [UInt8]) {
        key(field, .lengthDelimited)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A `string` field, as UTF-8.
    mutating func string(_ field: Int, _ value: String) {
        key(field, .lengthDelimited)
        var text = value
        text.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// A nested message field, written by `body` into its own writer.
    mutating func message(_ field: Int, _ body: (inout ProtobufWriter) -> Void) {
        var nested = ProtobufWriter()
        body(&nested)
        bytes(field, nested.bytes)
    }

    /// A `repeated double` field, packed (one key, the length, then the values).
    mutating func packedDoubles(_ field: Int, _ values: [Double]) {
        key(field, .lengthDelimited)
        varint(UInt64(values.count * 8))
        for v in values { fixed64(v.bitPattern) }
    }

    /// A `repeated float` field, packed.
    mutating func packedFloats(_ field: Int, _ values: [Float]) {
        key(field, .lengthDelimited)
        varint(UInt64(values.count * 4))
        for v in values { fixed32(v.bitPattern) }
    }

    private mutating func fixed32(_ bits: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt32(shift))) }
    }

    private mutating func fixed64(_ bits: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }
}
