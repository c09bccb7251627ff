import MySQLWire
import TextRules

/// The backups table over MySQLWire: one connection, opened at the first query and closed by
/// `close()`, for the day's rows and the streamed history.
package final class MySQLBackupSource: BackupSource {
    private let table: TableName
    private let options: ConnectionOptions
    private var connection: Connection?

    /// The table `table`, over a connection made with `options` (`Settings.connectionOptions`).
    package init(table: TableName, options: ConnectionOptions) {
        self.table = table
        self.options = options
    }

    deinit { close() }

    private func connected() throws(CheckerError) -> Connection {
        if let connection { return connection }
        do {
            let opened = try Connection.connect(options: options)
            connection = opened
            return opened
        } catch {
            throw .database(.mysql(error))
        }
    }

    package func rows(on day: CalendarDay) throws(CheckerError) -> TodaysRows {
        let sql = BackupQueries.rows(table: table, on: day)
        let connection = try connected()
        let result: ResultSet
        do {
            result = try connection.query(sql)
        } catch {
            throw .database(.mysql(error))
        }
        return try TodaysRows(result, table: table.name)
    }

    package func runs(from first: CalendarDay, before day: CalendarDay, _ each: (HistoryRun) -> Void) throws(CheckerError) -> Int {
        let sql = BackupQueries.history(table: table, from: first, before: day)
        let connection = try connected()
        var skipped = 0
        do {
            try connection.forEachRow(sql) { (row: RowView) throws(MySQLError) in
                guard let run = MySQLBackupSource.run(row) else {
                    skipped += 1
                    return
                }
                each(run)
            }
        } catch {
            throw .database(.mysql(error))
        }
        return skipped
    }

    /// A history row (`target`, `date`, `start_time`, `end_time`, `status`) as a run, or nil
    /// when a cell cannot be read: a NULL target or date, a date that is no calendar day
    /// (`0000-00-00`, `2026-00-00`), a start or end time that is not a TIME. A NULL time is
    /// no time; a NULL status is no success.
    static func run(_ row: RowView) -> HistoryRun? {
        do throws(MySQLError) {
            guard let target = try row.string(0), let date = try row.date(1),
                  let day = CalendarDay(year: date.year, month: date.month, day: date.day) else { return nil }
            let start = try row.time(2)
            let end = try row.time(3)
            return HistoryRun(target: String(target.trimmingWhitespace()), day: day, start: TodaysRows.seconds(start),
                              end: TodaysRows.seconds(end), succeeded: try row.string(4) == "success")
        } catch {
            return nil
        }
    }

    package func close() {
        connection?.close()
        connection = nil
    }
}

extension TodaysRows {
    /// The rows of a result set, with the columns the check needs located by name (exactly,
    /// else ignoring case); `target` and `status` must be there.
    init(_ result: ResultSet, table: String) throws(CheckerError) {
        func locate(_ name: String) -> Int? {
            result.columns.firstIndex { $0.name == name } ?? result.columns.firstIndex { $0.name.lowercased() == name }
        }
        guard let targetIndex = locate("target") else { throw .database(.missingColumn(table: table, column: "target")) }
        guard let statusIndex = locate("status") else { throw .database(.missingColumn(table: table, column: "status")) }
        let startIndex = locate("start_time")
        let endIndex = locate("end_time")
        let rows = result.rows.map { row -> Row in
            let cells = row.columns.indices.map { index -> Cell in
                guard (try? row.isNull(index)) == false else { return .null }
                if row.columns[index].type.isInteger {
                    if let value = (try? row.int64(index)) ?? nil { return .integer(value) }
                    if let value = (try? row.uint64(index)) ?? nil { return .unsignedInteger(value) }
                }
                return .text((try? PythonText.cell(row, index)) ?? "")
            }
            let target = (try? row.string(targetIndex)) ?? nil
            let status = (try? row.string(statusIndex)) ?? nil
            // A time that is there (not NULL) and cannot be read is named, never taken as no time.
            var unreadable: [UnreadableTime] = []
            func seconds(_ index: Int?) -> Int64? {
                guard let index else { return nil }
                if let time = (try? row.time(index)) ?? nil { return TodaysRows.seconds(time) }
                if case let .text(text) = cells[index] {
                    unreadable.append(UnreadableTime(column: result.columns[index].name, text: text))
                }
                return nil
            }
            let start = seconds(startIndex)
            let end = seconds(endIndex)
            return Row(cells: cells, target: String((target ?? "").trimmingWhitespace()), status: status ?? "",
                       start: start, end: end, unreadableTimes: unreadable)
        }
        self.init(columns: result.columns.map(\.name), rows: rows)
    }

    /// A TIME value in whole seconds, or nil.
    static func seconds(_ time: MySQLTime?) -> Int64? {
        time.map { $0.totalMicroseconds / 1_000_000 }
    }
}
