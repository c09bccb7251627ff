/// Capability flags exchanged in the handshake. The low 32 bits are MySQL's; MariaDB's
/// extended capabilities travel separately and sit here in the high 32 bits.
/// https://mariadb.com/kb/en/connection/#capabilities
package struct Capabilities: OptionSet, Sendable, Hashable {
    package let rawValue: UInt64
    package init(rawValue: UInt64) { self.rawValue = rawValue }

    /// MySQL's CLIENT_LONG_PASSWORD; MariaDB servers clear it (as CLIENT_MYSQL) to announce
    /// extended capabilities.
    package static let clientMySQL = Capabilities(rawValue: 1 << 0)
    package static let foundRows = Capabilities(rawValue: 1 << 1)
    package static let longFlag = Capabilities(rawValue: 1 << 2)
    package static let connectWithDB = Capabilities(rawValue: 1 << 3)
    package static let compress = Capabilities(rawValue: 1 << 5)
    package static let localFiles = Capabilities(rawValue: 1 << 7)
    package static let protocol41 = Capabilities(rawValue: 1 << 9)
    package static let interactive = Capabilities(rawValue: 1 << 10)
    package static let ssl = Capabilities(rawValue: 1 << 11)
    package static let transactions = Capabilities(rawValue: 1 << 13)
    package static let secureConnection = Capabilities(rawValue: 1 << 15)
    package static let multiStatements = Capabilities(rawValue: 1 << 16)
    package static let multiResults = Capabilities(rawValue: 1 << 17)
    package static let psMultiResults = Capabilities(rawValue: 1 << 18)
    package static let pluginAuth = Capabilities(rawValue: 1 << 19)
    package static let connectAttributes = Capabilities(rawValue: 1 << 20)
    package static let pluginAuthLengthEncodedData = Capabilities(rawValue: 1 << 21)
    package static let canHandleExpiredPasswords = Capabilities(rawValue: 1 << 22)
    package static let sessionTrack = Capabilities(rawValue: 1 << 23)
    package static let deprecateEOF = Capabilities(rawValue: 1 << 24)

    // MariaDB extended capabilities (the 4 bytes after the classic 32 bits).
    package static let mariaDBProgress = Capabilities(rawValue: 1 << 32)
    package static let mariaDBBulkOperations = Capabilities(rawValue: 1 << 34)
    package static let mariaDBExtendedMetadata = Capabilities(rawValue: 1 << 35)
    package static let mariaDBCacheMetadata = Capabilities(rawValue: 1 << 36)

    /// The 32 bits MySQL defines.
    package var lower32: UInt32 { UInt32(truncatingIfNeeded: rawValue) }
    /// MariaDB's extended capabilities.
    package var upper32: UInt32 { UInt32(truncatingIfNeeded: rawValue >> 32) }

    /// What this client asks for when the server offers it. The one place where capabilities
    /// are decided: `negotiated = wanted ∩ offered`.
    package static func negotiate(server: Capabilities, options: ConnectionOptions, tls: Bool = false) -> Capabilities {
        var wanted: Capabilities = [
            .clientMySQL, .longFlag, .protocol41, .transactions, .secureConnection,
            .multiResults, .pluginAuth, .pluginAuthLengthEncodedData, .connectAttributes,
        ]
        if options.database != nil { wanted.insert(.connectWithDB) }
        if options.deprecateEOF { wanted.insert(.deprecateEOF) }
        if tls { wanted.insert(.ssl) }
        return wanted.intersection(server)
    }
}
