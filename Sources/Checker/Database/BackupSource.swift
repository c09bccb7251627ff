/// One run from the history: its target, day, times (seconds into the day) and whether its
/// status was `success`.
package struct HistoryRun: Sendable, Equatable {
    package var target: String
    package var day: CalendarDay
    package var start: Int64?
    package var end: Int64?
    package var succeeded: Bool

    package init(target: String, day: CalendarDay, start: Int64?, end: Int64?, succeeded: Bool = true) {
        self.target = target
        self.day = day
        self.start = start
        self.end = end
        self.succeeded = succeeded
    }
}

/// Where the backup rows come from: the real table over MySQLWire, or an in-memory table in
/// tests, so that every verdict, message and exit code can be checked without a server.
package protocol BackupSource: AnyObject {
    /// Every row of `day`, in the table's order.
    func rows(on day: CalendarDay) throws(CheckerError) -> TodaysRows
    /// Each run, whatever its status, dated from `first` up to the day before `day`, handed
    /// over one at a time and not kept. Returns how many rows were skipped because a cell
    /// could not be read (a NULL target or date, a date that is no calendar day, a time that
    /// is not one), so that the run can say so instead of dropping them silently.
    func runs(from first: CalendarDay, before day: CalendarDay, _ each: (HistoryRun) -> Void) throws(CheckerError) -> Int
    /// Releases the connection, if any.
    func close()
}
