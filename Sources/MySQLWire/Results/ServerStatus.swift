/// Server status flags carried by OK and EOF packets.
public struct ServerStatus: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let inTransaction = ServerStatus(rawValue: 1 << 0)
    public static let autocommit = ServerStatus(rawValue: 1 << 1)
    /// Another result set follows this one (CLIENT_MULTI_RESULTS).
    public static let moreResultsExist = ServerStatus(rawValue: 1 << 3)
    public static let noGoodIndexUsed = ServerStatus(rawValue: 1 << 4)
    public static let noIndexUsed = ServerStatus(rawValue: 1 << 5)
    public static let cursorExists = ServerStatus(rawValue: 1 << 6)
    public static let lastRowSent = ServerStatus(rawValue: 1 << 7)
    public static let sessionStateChanged = ServerStatus(rawValue: 1 << 14)
}
