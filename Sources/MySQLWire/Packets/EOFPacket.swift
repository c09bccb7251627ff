/// The classic end of column definitions and of rows, used when CLIENT_DEPRECATE_EOF is not
/// negotiated. https://mariadb.com/kb/en/eof_packet/
package struct EOFPacket: Equatable, Sendable {
    package var warnings: UInt16
    package var status: ServerStatus

    /// An EOF packet is 0xFE with fewer than 9 bytes; longer 0xFE payloads are rows whose first
    /// value has an 8-byte length.
    package static func isEOF(_ payload: [UInt8]) -> Bool {
        payload.first == 0xFE && payload.count < 9
    }

    package init(decoding payload: [UInt8]) throws(MySQLError) {
        var reader = ByteReader(payload, packet: .eofPacket)
        guard try reader.readUInt8() == 0xFE else { throw .malformed(.header(.eofPacket, expected: 0xFE)) }
        if reader.isAtEnd {
            warnings = 0
            status = []
        } else {
            warnings = try reader.readUInt16()
            status = ServerStatus(rawValue: try reader.readUInt16())
        }
    }
}
