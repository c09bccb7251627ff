import MySQLWire

/// Today's rows of the backups table, with the columns the check needs located.
public struct TodaysRows: Sendable {
    public let columns: [ColumnDefinition]
    public let rows: [Row]
    private let targetIndex: Int
    private let statusIndex: Int

    public init(resultSet: ResultSet, table: String) throws(CheckerError) {
        func locate(_ name: String) throws(CheckerError) -> Int {
            if let index = resultSet.columns.firstIndex(where: { $0.name == name })
                ?? resultSet.columns.firstIndex(where: { $0.name.lowercased() == name }) {
                return index
            }
            throw .database("table `\(table)` has no column `\(name)`")
        }
        targetIndex = try locate("target")
        statusIndex = try locate("status")
        columns = resultSet.columns
        rows = resultSet.rows
    }

    /// Fetches the rows of `day` from the server.
    public static func fetch(settings: DatabaseSettings, day: CalendarDay) throws(CheckerError) -> TodaysRows {
        let sql = try BackupQuery.sql(table: settings.table, day: day)
        do {
            let connection = try Connection(options: settings.connectionOptions)
            defer { connection.close() }
            return try TodaysRows(resultSet: connection.query(sql), table: settings.table)
        } catch let error as MySQLError {
            throw .database(error.description)
        } catch let error as CheckerError {
            throw error
        } catch {
            throw .database("\(error)")
        }
    }

    /// (target, status) of each row, in table order; NULLs become "".
    public func targetsAndStatuses() -> [(target: String, status: String)] {
        rows.map { row in
            let target = (try? row.string(targetIndex)) ?? nil
            let status = (try? row.string(statusIndex)) ?? nil
            return (String((target ?? "").trimmingWhitespace()), status ?? "")
        }
    }

    /// Every row as the seed printed it (Python's str() of each value).
    public func displayRows() -> [[String]] {
        rows.map { row in
            (0..<row.count).map { index in (try? PythonText.cell(row, index)) ?? "" }
        }
    }
}
