/// The one place where bytes from the server become values. Every read is bounds-checked;
/// running past the end throws `MySQLError.malformed` naming the packet being read.
package struct ByteReader {
    /// The bytes being read.
    package let bytes: [UInt8]
    /// Offset of the next unread byte.
    package private(set) var offset: Int
    private let end: Int
    /// The packet being read, named in errors.
    package let packet: MySQLError.Malformation.Packet

    package init(_ bytes: [UInt8], packet: MySQLError.Malformation.Packet) {
        self.bytes = bytes
        self.offset = 0
        self.end = bytes.count
        self.packet = packet
    }

    /// Bytes not yet read.
    package var remaining: Int { end - offset }
    package var isAtEnd: Bool { offset >= end }

    /// The next byte, without consuming it.
    package func peek() throws(MySQLError) -> UInt8 {
        guard offset < end else { throw truncated(needing: 1) }
        return bytes[offset]
    }

    package mutating func readUInt8() throws(MySQLError) -> UInt8 {
        guard offset < end else { throw truncated(needing: 1) }
        defer { offset += 1 }
        return bytes[offset]
    }

    package mutating func readUInt16() throws(MySQLError) -> UInt16 {
        UInt16(truncatingIfNeeded: try readLittleEndian(2))
    }

    package mutating func readUInt24() throws(MySQLError) -> UInt32 {
        UInt32(truncatingIfNeeded: try readLittleEndian(3))
    }

    package mutating func readUInt32() throws(MySQLError) -> UInt32 {
        UInt32(truncatingIfNeeded: try readLittleEndian(4))
    }

    package mutating func readUInt64() throws(MySQLError) -> UInt64 {
        try readLittleEndian(8)
    }

    /// A little-endian unsigned integer of `width` bytes (1...8).
    package mutating func readLittleEndian(_ width: Int) throws(MySQLError) -> UInt64 {
        guard width >= 0, width <= 8 else { throw .malformed(.integerWidth(packet, width)) }
        guard remaining >= width else { throw truncated(needing: width) }
        var value: UInt64 = 0
        for index in 0..<width {
            value |= UInt64(bytes[offset + index]) << (8 * UInt64(index))
        }
        offset += width
        return value
    }

    /// A length-encoded integer. Returns nil for 0xFB, the NULL marker of text rows.
    /// https://mariadb.com/kb/en/protocol-data-types/#length-encoded-integers
    package mutating func readLengthEncodedIntegerOrNull() throws(MySQLError) -> UInt64? {
        let first = try readUInt8()
        switch first {
        case 0..<0xFB: return UInt64(first)
        case 0xFB: return nil
        case 0xFC: return try readLittleEndian(2)
        case 0xFD: return try readLittleEndian(3)
        case 0xFE: return try readLittleEndian(8)
        default: throw .malformed(.notLengthEncoded(packet))
        }
    }

    /// A length-encoded integer that must not be NULL.
    package mutating func readLengthEncodedInteger() throws(MySQLError) -> UInt64 {
        guard let value = try readLengthEncodedIntegerOrNull() else {
            throw .malformed(.unexpectedNull(packet))
        }
        return value
    }

    /// The next `count` bytes.
    package mutating func readBytes(_ count: Int) throws(MySQLError) -> ArraySlice<UInt8> {
        guard count >= 0, remaining >= count else { throw truncated(needing: count) }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    /// The range of the next `count` bytes, consumed without copying.
    package mutating func skipRange(_ count: UInt64) throws(MySQLError) -> Range<Int> {
        guard count <= UInt64(remaining) else { throw truncated(needing: count) }
        let start = offset
        offset += Int(count)
        return start..<offset
    }

    /// Skips `count` bytes.
    package mutating func skip(_ count: Int) throws(MySQLError) {
        guard count >= 0, remaining >= count else { throw truncated(needing: count) }
        offset += count
    }

    /// A length-encoded string's bytes, or nil for the NULL marker.
    package mutating func readLengthEncodedBytesOrNull() throws(MySQLError) -> ArraySlice<UInt8>? {
        guard let length = try readLengthEncodedIntegerOrNull() else { return nil }
        let range = try skipRange(length)
        return bytes[range]
    }

    /// A length-encoded string decoded as UTF-8 (invalid sequences replaced).
    package mutating func readLengthEncodedString() throws(MySQLError) -> String {
        let length = try readLengthEncodedInteger()
        return String(decoding: bytes[try skipRange(length)], as: UTF8.self)
    }

    /// Bytes up to a NUL terminator, which is consumed. Throws when there is none.
    package mutating func readNullTerminatedBytes() throws(MySQLError) -> ArraySlice<UInt8> {
        guard let nul = bytes[offset..<end].firstIndex(of: 0) else {
            throw .malformed(.unterminatedString(packet, at: offset))
        }
        defer { offset = nul + 1 }
        return bytes[offset..<nul]
    }

    package mutating func readNullTerminatedString() throws(MySQLError) -> String {
        String(decoding: try readNullTerminatedBytes(), as: UTF8.self)
    }

    /// Everything left.
    package mutating func readRest() -> ArraySlice<UInt8> {
        defer { offset = end }
        return bytes[offset..<end]
    }

    package mutating func readRestAsString() -> String {
        String(decoding: readRest(), as: UTF8.self)
    }

    /// A negative count (a caller's mistake, never a length from the server) reads as 0.
    private func truncated(needing count: some BinaryInteger) -> MySQLError {
        .malformed(.truncated(packet, needs: UInt64(clamping: count), at: offset, of: end))
    }
}
