import Foundation
import Notify
import TestSupport
@testable import Checker

/// The backups table in memory, with the queries' rules: the day's rows in table order, and
/// the runs of a range of days.
final class InMemoryTable: BackupSource {
    struct Record {
        var date: String
        var target: String
        var start: String
        var end: String?
        var status: String
    }

    var records: [Record]
    var failure: CheckerError?
    private(set) var closed = 0
    private(set) var historyRowsRead = 0

    init(_ records: [Record] = [], failure: CheckerError? = nil) {
        self.records = records
        self.failure = failure
    }

    static func seconds(_ text: String?) -> Int64? {
        guard let text else { return nil }
        let parts = text.split(separator: ":").compactMap { Int64($0) }
        return parts.count == 3 ? parts[0] * 3600 + parts[1] * 60 + parts[2] : nil
    }

    func rows(on day: CalendarDay) throws(CheckerError) -> TodaysRows {
        if let failure { throw failure }
        let rows = records.enumerated().filter { $0.element.date == day.description }.map { index, record in
            TodaysRows.Row(cells: [.integer(Int64(index + 1)), .text(record.date), .text(record.target),
                                   .text(Self.display(record.start)), record.end.map { .text(Self.display($0)) } ?? .null,
                                   .text(record.status)],
                           target: record.target, status: record.status, start: Self.seconds(record.start),
                           end: Self.seconds(record.end))
        }
        return TodaysRows(columns: ["id", "date", "target", "start_time", "end_time", "status"], rows: rows)
    }

    func runs(from first: CalendarDay, before day: CalendarDay, _ each: (HistoryRun) -> Void) throws(CheckerError) -> Int {
        for record in records {
            guard let date = CalendarDay(parsing: record.date), date >= first, date < day else { continue }
            historyRowsRead += 1
            each(HistoryRun(target: record.target, day: date, start: Self.seconds(record.start), end: Self.seconds(record.end),
                            succeeded: record.status == "success"))
        }
        return 0
    }

    func close() { closed += 1 }

    /// "01:02:00" as Python's timedelta prints it: "1:02:00".
    static func display(_ time: String) -> String {
        time.hasPrefix("0") && time.count == 8 ? String(time.dropFirst()) : time
    }
}

/// Zulip in memory: what was posted, in order, and what it answers.
final class RecordingNotifier: Notifier {
    var posted: [String] = []
    var limit: Int
    var failure: DeliveryError?
    /// Called at each post, to see what was printed before.
    var onPost: (() -> Void)?

    init(limit: Int = 10_000, failure: DeliveryError? = nil) {
        self.limit = limit
        self.failure = failure
    }

    func messageLimit(forLength length: Int) -> Int { limit }

    func post(_ content: String) throws(DeliveryError) {
        onPost?()
        if let failure { throw failure }
        posted.append(content)
    }
}

/// A heartbeat in memory.
final class RecordingMonitor: RunMonitor, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [String] = []
    private var bodies: [String] = []
    var failure: DeliveryError?

    /// "start", then "STATUS: headline".
    var events: [String] { lock.withLock { recorded } }
    /// The reports (heartbeat bodies) of the ends.
    var reports: [String] { lock.withLock { bodies } }

    func started() throws(DeliveryError) {
        lock.withLock { recorded.append("start") }
        if let failure { throw failure }
    }

    func finished(status: ExitStatus, report: String, headline: String, milliseconds: Int64) throws(DeliveryError) {
        lock.withLock {
            recorded.append("\(status.rawValue): \(headline)")
            bodies.append(report)
        }
        if let failure { throw failure }
    }
}

/// Metrics in memory.
final class RecordingMetrics: MetricsPublisher {
    var texts: [String] = []
    var name: String { "memory" }
    func publish(_ text: String) throws(PublishError) { texts.append(text) }
}

/// Everything one in-memory run needs, and what it produced.
struct InMemoryRun {
    var list: String
    var table: InMemoryTable
    var day = "2024-10-18"
    var zone = TimeZone.utc
    var historyDays = 35
    var reportHistoryDays = 0
    var factor = 3.0
    var format = Check.Format.text
    var notifier: RecordingNotifier? = RecordingNotifier()
    var monitor = RecordingMonitor()
    var metrics = RecordingMetrics()

    init(list: String, _ records: [InMemoryTable.Record] = []) {
        self.list = list
        table = InMemoryTable(records)
    }

    /// The check over these parts, its list written to `directory`.
    func check(in directory: TemporaryDirectory) throws -> Check {
        let path = try directory.write("expected-backups", list)
        return Check(settings: CheckSettings(expectedPath: path, historyDays: historyDays, durationFactor: factor, zone: zone,
                                             reportHistoryDays: reportHistoryDays),
                     day: CalendarDay(parsing: day), format: format, source: table, notifier: notifier,
                     monitor: monitor, metrics: [metrics], logger: Logger(level: .error))
    }

    /// Runs the check; returns the exit status and what was printed.
    func run(now: Int64 = 1_729_252_800) throws -> (status: ExitStatus, output: String) {
        let directory = try TemporaryDirectory()
        var output = ""
        let status = try check(in: directory).run(now: now) { output += $0 }
        return (status, output)
    }

    /// What the check finds, before anything is written or delivered.
    func outcome(now: Int64 = 1_729_252_800) throws -> CheckOutcome {
        let directory = try TemporaryDirectory()
        return try withExtendedLifetime(directory) { try check(in: directory).find(now: now) }
    }
}

extension InMemoryTable.Record {
    /// A successful run of `target` on `date`.
    static func success(_ date: String, _ target: String, _ start: String = "01:00:00", _ end: String? = "01:05:00") -> Self {
        .init(date: date, target: target, start: start, end: end, status: "success")
    }

    static func failed(_ date: String, _ target: String, _ start: String = "01:00:00") -> Self {
        .init(date: date, target: target, start: start, end: nil, status: "failed")
    }
}
