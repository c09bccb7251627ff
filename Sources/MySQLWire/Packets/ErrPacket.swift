/// An error from the server: code, SQLSTATE and message.
/// https://mariadb.com/kb/en/err_packet/
package struct ErrPacket: Equatable, Sendable {
    package var error: ServerError

    package static func isErr(_ payload: [UInt8]) -> Bool { payload.first == 0xFF }

    package init(decoding payload: [UInt8], capabilities: Capabilities) throws(MySQLError) {
        var reader = ByteReader(payload, packet: .errPacket)
        guard try reader.readUInt8() == 0xFF else { throw .malformed(.header(.errPacket, expected: 0xFF)) }
        let code = try reader.readUInt16()
        var state = "HY000"
        // The SQLSTATE marker is present with PROTOCOL_41, and also in errors a server sends
        // before the capabilities are agreed; look for it rather than trust the flags.
        if !reader.isAtEnd, try reader.peek() == UInt8(ascii: "#"), reader.remaining >= 6 {
            try reader.skip(1)
            state = String(decoding: try reader.readBytes(5), as: UTF8.self)
        }
        error = ServerError(code: code, sqlState: state, message: reader.readRestAsString())
    }
}
