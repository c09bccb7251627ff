/// The server error codes this package's users rely on, by name (as mysql-nio's ErrorCode),
/// instead of numbers at the places that test them.
/// https://mariadb.com/kb/en/mariadb-error-code-reference/
public struct ServerErrorCode: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// ER_DBACCESS_DENIED_ERROR: the account may not use the database.
    public static let databaseAccessDenied = ServerErrorCode(rawValue: 1044)
    /// ER_ACCESS_DENIED_ERROR: wrong user name or password.
    public static let accessDenied = ServerErrorCode(rawValue: 1045)
    /// ER_BAD_DB_ERROR: no such database.
    public static let unknownDatabase = ServerErrorCode(rawValue: 1049)
    /// ER_HOST_NOT_PRIVILEGED: the server accepts no account from this host.
    public static let hostNotPrivileged = ServerErrorCode(rawValue: 1130)
    /// ER_TABLEACCESS_DENIED_ERROR: the account may not read the table.
    public static let tableAccessDenied = ServerErrorCode(rawValue: 1142)
    /// ER_NO_SUCH_TABLE.
    public static let noSuchTable = ServerErrorCode(rawValue: 1146)
    /// ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8): the server closed an idle connection.
    public static let idleTimeout = ServerErrorCode(rawValue: 4031)
}

extension ServerError {
    /// The code, by name where this package names it.
    public var errorCode: ServerErrorCode { ServerErrorCode(rawValue: code) }
}
