/// The client's answer to the greeting: chosen capabilities, user, scramble, database.
/// https://mariadb.com/kb/en/connection/#handshake-response-packet
/// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_response.html
package struct HandshakeResponse41: Equatable, Sendable {
    /// utf8mb4_general_ci: known to every MariaDB and MySQL since 5.5, unlike MySQL 8's 255.
    package static let utf8mb4GeneralCI: UInt8 = 45

    package var capabilities: Capabilities
    package var maxPacketSize: UInt32
    package var characterSet: UInt8
    package var username: String
    package var authResponse: [UInt8]
    package var database: String?
    package var authPluginName: String?
    /// Connection attributes (program name, client name and version), when negotiated.
    package var attributes: [(String, String)]
    /// True when the server is MariaDB: the filler then carries extended capabilities.
    package var mariaDBExtended: Bool

    package init(capabilities: Capabilities, maxPacketSize: UInt32 = 1 << 24,
                characterSet: UInt8 = HandshakeResponse41.utf8mb4GeneralCI, username: String,
                authResponse: [UInt8], database: String?, authPluginName: String?,
                attributes: [(String, String)] = [], mariaDBExtended: Bool) {
        self.capabilities = capabilities
        self.maxPacketSize = maxPacketSize
        self.characterSet = characterSet
        self.username = username
        self.authResponse = authResponse
        self.database = database
        self.authPluginName = authPluginName
        self.attributes = attributes
        self.mariaDBExtended = mariaDBExtended
    }

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.encoded() == rhs.encoded()
    }

    /// The first 32 bytes, which are also the whole SSLRequest packet.
    func encodedHeader(into writer: inout ByteWriter) {
        writer.writeUInt32(capabilities.lower32)
        writer.writeUInt32(maxPacketSize)
        writer.writeUInt8(characterSet)
        writer.writeZeros(19)
        if mariaDBExtended {
            writer.writeUInt32(capabilities.upper32)
        } else {
            writer.writeZeros(4)
        }
    }

    package func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 128)
        encodedHeader(into: &writer)
        writer.writeNullTerminatedString(username)
        if capabilities.contains(.pluginAuthLengthEncodedData) {
            writer.writeLengthEncodedBytes(authResponse)
        } else {
            writer.writeUInt8(UInt8(truncatingIfNeeded: authResponse.count))
            writer.writeBytes(authResponse)
        }
        if capabilities.contains(.connectWithDB) {
            writer.writeNullTerminatedString(database ?? "")
        }
        if capabilities.contains(.pluginAuth) {
            writer.writeNullTerminatedString(authPluginName ?? "")
        }
        if capabilities.contains(.connectAttributes) {
            var pairs = ByteWriter()
            for (key, value) in attributes {
                pairs.writeLengthEncodedString(key)
                pairs.writeLengthEncodedString(value)
            }
            writer.writeLengthEncodedBytes(pairs.bytes)
        }
        return writer.bytes
    }
}
