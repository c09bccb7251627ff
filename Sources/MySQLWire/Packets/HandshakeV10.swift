import TextRules

/// The server's greeting, the first packet of every connection.
/// https://mariadb.com/kb/en/connection/#initial-handshake-packet
/// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_v10.html
package struct HandshakeV10: Equatable, Sendable {
    package var protocolVersion: UInt8
    /// The version string as sent, e.g. "5.5.5-10.11.6-MariaDB-0+deb12u1" or "8.0.36".
    package var rawServerVersion: String
    package var connectionID: UInt32
    /// The server's random nonce that password scrambles answer (usually 20 bytes; trailing
    /// NUL removed). Called "scramble" in the protocol documentation.
    package var nonce: [UInt8]
    /// Server capabilities, MariaDB's extended ones in the upper 32 bits.
    package var capabilities: Capabilities
    package var characterSet: UInt8
    package var statusFlags: UInt16
    /// The authentication plugin the server proposes, or nil for pre-plugin servers.
    package var authPluginName: String?

    /// MariaDB clears CLIENT_MYSQL to announce its extended capabilities, and names itself.
    package var isMariaDB: Bool {
        !capabilities.contains(.clientMySQL) || rawServerVersion.includes("MariaDB")
    }

    /// The version without MariaDB 10.x's replication prefix "5.5.5-".
    package var serverVersion: String {
        let prefix = "5.5.5-"
        if isMariaDB && rawServerVersion.hasPrefix(prefix) {
            return String(rawServerVersion.dropFirst(prefix.count))
        }
        return rawServerVersion
    }

    /// True for MariaDB 11.4 and later, which can vouch for a certificate no CA signed with
    /// the fingerprint it sends after a login that proved the password (zero-configuration TLS).
    package var canProveCertificate: Bool {
        guard isMariaDB else { return false }
        let numbers = serverVersion.prefix { $0.isNumber || $0 == "." }.split(separator: ".").map { Int($0) }
        guard numbers.count >= 2, let major = numbers[0], let minor = numbers[1] else { return false }
        return (major, minor) >= (11, 4)
    }

    package init(protocolVersion: UInt8 = 10, rawServerVersion: String, connectionID: UInt32,
                nonce: [UInt8], capabilities: Capabilities, characterSet: UInt8,
                statusFlags: UInt16, authPluginName: String?) {
        self.protocolVersion = protocolVersion
        self.rawServerVersion = rawServerVersion
        self.connectionID = connectionID
        self.nonce = nonce
        self.capabilities = capabilities
        self.characterSet = characterSet
        self.statusFlags = statusFlags
        self.authPluginName = authPluginName
    }

    /// Decodes a greeting. An ERR packet in its place (the server refusing this host, or too
    /// many connections) throws `MySQLError.server`.
    package init(decoding payload: [UInt8]) throws(MySQLError) {
        var reader = ByteReader(payload, packet: .greeting)
        let version = try reader.readUInt8()
        if version == 0xFF {
            throw .server(try ErrPacket(decoding: payload, capabilities: []).error)
        }
        guard version == 10 else {
            throw .unsupported("handshake protocol version \(version) (only 10 is spoken by MySQL 4.1+ and MariaDB)")
        }
        protocolVersion = version
        rawServerVersion = try reader.readNullTerminatedString()
        connectionID = try reader.readUInt32()
        var nonce = Array(try reader.readBytes(8))
        try reader.skip(1)
        var flags = UInt64(try reader.readUInt16())
        characterSet = 0
        statusFlags = 0
        authPluginName = nil
        if !reader.isAtEnd {
            characterSet = try reader.readUInt8()
            statusFlags = try reader.readUInt16()
            flags |= UInt64(try reader.readUInt16()) << 16
            let authDataLength = Int(try reader.readUInt8())
            try reader.skip(6)
            let extended = try reader.readUInt32()
            if flags & Capabilities.clientMySQL.rawValue == 0 {
                flags |= UInt64(extended) << 32
            }
            if flags & Capabilities.secureConnection.rawValue != 0 {
                let partTwo = max(13, authDataLength - 8)
                let available = min(partTwo, reader.remaining)
                var rest = Array(try reader.readBytes(available))
                if rest.last == 0 { rest.removeLast() }
                nonce += rest
            }
            if flags & Capabilities.pluginAuth.rawValue != 0 && !reader.isAtEnd {
                // Some MySQL 5.5 servers omit the terminating NUL; take what is there.
                var name = reader.readRest()
                if let nul = name.firstIndex(of: 0) { name = name[name.startIndex..<nul] }
                authPluginName = String(decoding: name, as: UTF8.self)
            }
        }
        self.nonce = nonce
        capabilities = Capabilities(rawValue: flags)
    }
}
