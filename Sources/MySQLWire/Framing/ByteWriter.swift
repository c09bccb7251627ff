/// The one place where values become bytes for the server.
package struct ByteWriter {
    package private(set) var bytes: [UInt8]

    package init(capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    package mutating func writeUInt8(_ value: UInt8) { bytes.append(value) }

    package mutating func writeUInt16(_ value: UInt16) { writeLittleEndian(UInt64(value), width: 2) }

    package mutating func writeUInt24(_ value: UInt32) { writeLittleEndian(UInt64(value), width: 3) }

    package mutating func writeUInt32(_ value: UInt32) { writeLittleEndian(UInt64(value), width: 4) }

    package mutating func writeUInt64(_ value: UInt64) { writeLittleEndian(value, width: 8) }

    package mutating func writeLittleEndian(_ value: UInt64, width: Int) {
        for index in 0..<width {
            bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))))
        }
    }

    /// A length-encoded integer in its shortest form.
    /// https://mariadb.com/kb/en/protocol-data-types/#length-encoded-integers
    package mutating func writeLengthEncodedInteger(_ value: UInt64) {
        switch value {
        case 0..<0xFB:
            bytes.append(UInt8(value))
        case 0xFB...0xFFFF:
            bytes.append(0xFC)
            writeLittleEndian(value, width: 2)
        case 0x1_0000...0xFF_FFFF:
            bytes.append(0xFD)
            writeLittleEndian(value, width: 3)
        default:
            bytes.append(0xFE)
            writeLittleEndian(value, width: 8)
        }
    }

    package mutating func writeLengthEncodedBytes<Bytes: Collection<UInt8>>(_ value: Bytes) {
        writeLengthEncodedInteger(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    package mutating func writeLengthEncodedString(_ value: String) {
        writeLengthEncodedBytes(Array(value.utf8))
    }

    package mutating func writeBytes<Bytes: Sequence<UInt8>>(_ value: Bytes) {
        bytes.append(contentsOf: value)
    }

    package mutating func writeNullTerminatedString(_ value: String) {
        bytes.append(contentsOf: value.utf8)
        bytes.append(0)
    }

    package mutating func writeZeros(_ count: Int) {
        bytes.append(contentsOf: repeatElement(0, count: count))
    }
}
