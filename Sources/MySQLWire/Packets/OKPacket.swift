/// The server's "done": affected rows, last insert id, status and an optional info text.
/// Also ends a result set (with header 0xFE) when CLIENT_DEPRECATE_EOF is negotiated.
/// https://mariadb.com/kb/en/ok_packet/
package struct OKPacket: Equatable, Sendable {
    package var affectedRows: UInt64
    package var lastInsertID: UInt64
    package var status: ServerStatus
    package var warnings: UInt16
    /// Human-readable information, e.g. "Rows matched: 1  Changed: 1  Warnings: 0".
    package var info: String

    package init(affectedRows: UInt64 = 0, lastInsertID: UInt64 = 0, status: ServerStatus = [],
                warnings: UInt16 = 0, info: String = "") {
        self.affectedRows = affectedRows
        self.lastInsertID = lastInsertID
        self.status = status
        self.warnings = warnings
        self.info = info
    }

    package init(decoding payload: [UInt8], capabilities: Capabilities) throws(MySQLError) {
        var reader = ByteReader(payload, packet: .okPacket)
        let header = try reader.readUInt8()
        guard header == 0x00 || header == 0xFE else {
            throw .malformed(.okHeader(header))
        }
        affectedRows = try reader.readLengthEncodedInteger()
        lastInsertID = try reader.readLengthEncodedInteger()
        status = []
        warnings = 0
        if capabilities.contains(.protocol41) {
            status = ServerStatus(rawValue: try reader.readUInt16())
            warnings = try reader.readUInt16()
        } else if capabilities.contains(.transactions) {
            status = ServerStatus(rawValue: try reader.readUInt16())
        }
        if reader.isAtEnd {
            info = ""
        } else if capabilities.contains(.sessionTrack) {
            info = try reader.readLengthEncodedString()
        } else {
            // The documentation says string<EOF>; servers write a length-encoded string.
            var probe = reader
            if let length = try? probe.readLengthEncodedInteger(), length == UInt64(probe.remaining) {
                reader = probe
            }
            info = reader.readRestAsString()
        }
    }
}
