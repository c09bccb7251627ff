/// Capability flags exchanged in the handshake. The low 32 bits are MySQL's; MariaDB's
/// extended capabilities travel separately and sit here in the high 32 bits.
/// https://mariadb.com/kb/en/connection/#capabilities
public struct Capabilities: OptionSet, Sendable, Hashable {
    public let rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// MySQL's CLIENT_LONG_PASSWORD; MariaDB servers clear it (as CLIENT_MYSQL) to announce
    /// extended capabilities.
    public static let clientMySQL = Capabilities(rawValue: 1 << 0)
    public static let foundRows = Capabilities(rawValue: 1 << 1)
    public static let longFlag = Capabilities(rawValue: 1 << 2)
    public static let connectWithDB = Capabilities(rawValue: 1 << 3)
    public static let compress = Capabilities(rawValue: 1 << 5)
    public static let localFiles = Capabilities(rawValue: 1 << 7)
    public static let protocol41 = Capabilities(rawValue: 1 << 9)
    public static let interactive = Capabilities(rawValue: 1 << 10)
    public static let ssl = Capabilities(rawValue: 1 << 11)
    public static let transactions = Capabilities(rawValue: 1 << 13)
    public static let secureConnection = Capabilities(rawValue: 1 << 15)
    public static let multiStatements = Capabilities(rawValue: 1 << 16)
    public static let multiResults = Capabilities(rawValue: 1 << 17)
    public static let psMultiResults = Capabilities(rawValue: 1 << 18)
    public static let pluginAuth = Capabilities(rawValue: 1 << 19)
    public static let connectAttributes = Capabilities(rawValue: 1 << 20)
    public static let pluginAuthLengthEncodedData = Capabilities(rawValue: 1 << 21)
    public static let canHandleExpiredPasswords = Capabilities(rawValue: 1 << 22)
    public static let sessionTrack = Capabilities(rawValue: 1 << 23)
    public static let deprecateEOF = Capabilities(rawValue: 1 << 24)

    // MariaDB extended capabilities (the 4 bytes after the classic 32 bits).
    public static let mariaDBProgress = Capabilities(rawValue: 1 << 32)
    public static let mariaDBBulkOperations = Capabilities(rawValue: 1 << 34)
    public static let mariaDBExtendedMetadata = Capabilities(rawValue: 1 << 35)
    public static let mariaDBCacheMetadata = Capabilities(rawValue: 1 << 36)

    /// The 32 bits MySQL defines.
    public var lower32: UInt32 { UInt32(truncatingIfNeeded: rawValue) }
    /// MariaDB's extended capabilities.
    public var upper32: UInt32 { UInt32(truncatingIfNeeded: rawValue >> 32) }

    /// What this client asks for when the server offers it. The one place where capabilities
    /// are decided: `negotiated = wanted ∩ offered`.
    public static func negotiate(server: Capabilities, options: ConnectionOptions, tls: Bool = false) -> Capabilities {
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
