/// A complete text result set: its columns and every row.
public struct ResultSet: Sendable {
    public var columns: [ColumnDefinition]
    public var rows: [Row]
    /// Status and warnings from the packet that ended the rows.
    package var status: ServerStatus
    public var warnings: UInt16

    package init(columns: [ColumnDefinition], rows: [Row], status: ServerStatus = [], warnings: UInt16 = 0) {
        self.columns = columns
        self.rows = rows
        self.status = status
        self.warnings = warnings
    }
}

/// What one statement produced: rows, or an OK with affected rows and info.
public enum QueryResult: Sendable {
    case rows(ResultSet)
    case ok(StatementOutcome)

    /// The status flags of the packet that ended this result.
    public var status: ServerStatus {
        switch self {
        case let .rows(set): return set.status
        case let .ok(outcome): return outcome.status
        }
    }
}
