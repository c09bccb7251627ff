/// What a statement that returns no rows did: the server's OK, as values.
public struct StatementOutcome: Equatable, Sendable {
    public var affectedRows: UInt64
    public var lastInsertID: UInt64
    public var status: ServerStatus
    public var warnings: UInt16
    /// Human-readable information, e.g. "Rows matched: 1  Changed: 1  Warnings: 0".
    public var info: String

    package init(_ packet: OKPacket) {
        affectedRows = packet.affectedRows
        lastInsertID = packet.lastInsertID
        status = packet.status
        warnings = packet.warnings
        info = packet.info
    }
}
