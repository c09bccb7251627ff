import Testing
@testable import MySQLWire

@Suite("Length-encoded integers and strings")
struct LengthEncodedTests {
    /// Each width boundary, with the bytes the protocol documentation gives for it.
    static let integers: [(UInt64, [UInt8])] = [
        (0, [0x00]), (250, [0xFA]),
        (251, [0xFC, 0xFB, 0x00]), (0xFFFF, [0xFC, 0xFF, 0xFF]),
        (0x1_0000, [0xFD, 0x00, 0x00, 0x01]), (0xFF_FFFF, [0xFD, 0xFF, 0xFF, 0xFF]),
        (0x100_0000, [0xFE, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00]),
        (UInt64.max, [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
    ]

    @Test("integers encode to and decode from their shortest form at every width", arguments: integers)
    func integerRoundTrip(value: UInt64, bytes: [UInt8]) throws {
        var writer = ByteWriter()
        writer.writeLengthEncodedInteger(value)
        #expect(writer.bytes == bytes)
        var reader = ByteReader(bytes, packet: .row)
        #expect(try reader.readLengthEncodedInteger() == value)
        #expect(reader.isAtEnd)
    }

    @Test("an integer cut short at every width is an error", arguments: integers)
    func integerTruncated(value: UInt64, bytes: [UInt8]) throws {
        guard bytes.count > 1 else { return }
        var reader = ByteReader(Array(bytes.dropLast()), packet: .row)
        let width = bytes.count - 1
        #expect(throws: MySQLError.malformed(.truncated(.row, needs: UInt64(width), at: 1, of: width))) {
            try reader.readLengthEncodedInteger()
        }
    }

    @Test("0xFB is NULL and 0xFF is no integer")
    func nullAndInvalid() throws {
        var reader = ByteReader([0xFB], packet: .row)
        #expect(try reader.readLengthEncodedIntegerOrNull() == nil)
        var invalid = ByteReader([0xFF], packet: .row)
        #expect(throws: MySQLError.malformed(.notLengthEncoded(.row))) { try invalid.readLengthEncodedIntegerOrNull() }
        var null = ByteReader([0xFB], packet: .row)
        #expect(throws: MySQLError.malformed(.unexpectedNull(.row))) { try null.readLengthEncodedInteger() }
    }

    @Test("strings of every length prefix width round-trip", arguments: [0, 1, 250, 251, 65_535, 65_536, 70_000])
    func stringRoundTrip(length: Int) throws {
        let text = String(repeating: "x", count: length)
        var writer = ByteWriter()
        writer.writeLengthEncodedString(text)
        var reader = ByteReader(writer.bytes, packet: .row)
        #expect(try reader.readLengthEncodedString() == text)
        #expect(reader.isAtEnd)
    }

    @Test("a string whose length points past the end is an error")
    func stringPastEnd() throws {
        var reader = ByteReader([0x05, 0x61, 0x62], packet: .row)
        #expect(throws: MySQLError.malformed(.truncated(.row, needs: 5, at: 1, of: 3))) { try reader.readLengthEncodedString() }
        var huge = ByteReader([0xFE, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x61], packet: .row)
        #expect(throws: MySQLError.malformed(.truncated(.row, needs: 1 << 63, at: 9, of: 10))) {
            try huge.readLengthEncodedBytesOrNull()
        }
    }
}
