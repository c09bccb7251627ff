/// What a run found, before it is written as text or JSON.
public struct CheckResult: Sendable {
    public var day: CalendarDay
    public var zone: String
    /// Today's rows and the comparison, or the database error that prevented them.
    public var outcome: Result<(rows: TodaysRows, diff: BackupDiff), CheckerError>

    public var status: ExitStatus {
        switch outcome {
        case let .success(found): return found.diff.isMatch ? .ok : .mismatch
        case .failure: return .database
        }
    }

    /// The message of DESIGN.md: verdict, date line, mismatch lines, table; or the error.
    public var message: String {
        switch outcome {
        case let .success(found): return Report.message(day: day, zone: zone, diff: found.diff, rows: found.rows)
        case let .failure(error): return Report.databaseFailure(error)
        }
    }
}
