import Foundation
import Testing
@testable import Checker
import MySQLWire
import TestSupport

/// The report against goldens written by scripts/make-report-goldens with Python's tabulate 0.9.
@Suite("Report goldens")
struct ReportGoldenTests {
    struct Case: Decodable, CustomTestStringConvertible {
        var name: String
        var day: String
        var zone: String
        var expected: [String]
        var list: [String]?
        var history: [[String?]]?
        var history_days: Int?
        var report_history_days: Int?
        var duration_factor: Double?
        var columns: [[String]]
        var rows: [[String?]]
        var testDescription: String { name }
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    static let cases: [Case] = {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("report-cases.json")),
              let cases = try? JSONDecoder().decode([Case].self, from: data) else { return [] }
        return cases
    }()

    static let types: [String: (ColumnType, UInt16)] = [
        "int": (.long, 63), "bigint": (.longlong, 63), "year": (.year, 63), "decimal": (.newdecimal, 63),
        "double": (.double, 63), "date": (.date, 63), "time": (.time, 63), "datetime": (.datetime, 63),
        "varchar": (.varString, 45), "blob": (.blob, 63),
    ]

    @Test("the cases file is there and not empty")
    func casesLoaded() {
        #expect(Self.cases.count >= 12)
    }

    @Test("the message equals the golden byte for byte", arguments: cases)
    func matchesGolden(testCase: Case) throws {
        let columns = try testCase.columns.map { pair in
            let kind = try #require(Self.types[pair[1]], "unknown type \(pair[1])")
            return ColumnDefinition(name: pair[0], characterSet: kind.1, type: kind.0)
        }
        let rows = try testCase.rows.map { values in
            var writer = ByteWriter()
            for value in values {
                if let value { writer.writeLengthEncodedString(value) } else { writer.writeUInt8(0xFB) }
            }
            return try Row(decoding: writer.bytes, columns: columns)
        }
        let todays = try TodaysRows(ResultSet(columns: columns, rows: rows), table: "list")
        let day = try #require(CalendarDay(parsing: testCase.day))
        var runs: [HistoryRun] = []
        for run in testCase.history ?? [] {
            let text = try #require(run[1])
            let date = try #require(CalendarDay(parsing: text))
            let status = run.count > 4 ? run[4] : "success"
            runs.append(HistoryRun(target: try #require(run[0]), day: date, start: Self.seconds(run[2]),
                                   end: Self.seconds(run[3]), succeeded: status == "success"))
        }
        // The check itself assembles the report (Check.find), from these rows and this history,
        // so that a change in how it wires the parts together changes what is compared here.
        let directory = try TemporaryDirectory()
        let listPath = try directory.write("expected-backups", (testCase.list ?? testCase.expected).joined(separator: "\n"))
        let settings = CheckSettings(expectedPath: listPath, historyDays: testCase.history_days ?? 35,
                                     durationFactor: testCase.duration_factor ?? 3,
                                     zone: try ZoneLocator().zone(named: testCase.zone),
                                     reportHistoryDays: testCase.report_history_days ?? 14)
        let check = Check(settings: settings, day: day, source: RecordedSource(today: todays, day: day, history: runs),
                          notifier: nil, logger: Logger(level: .error))
        let outcome = try check.find(now: 0)
        #expect(outcome.zone == testCase.zone)
        let message = outcome.message
        let golden = try String(contentsOf: Self.directory.appendingPathComponent(testCase.name + ".txt"), encoding: .utf8)
        #expect(message + "\n" == golden)
    }

    /// A table that holds `today` on `day` and the runs of the history, answering as the
    /// database source does: the day's rows, and the runs dated from the first day asked for
    /// up to the day before the checked one.
    final class RecordedSource: BackupSource {
        let today: TodaysRows
        let day: CalendarDay
        let history: [HistoryRun]

        init(today: TodaysRows, day: CalendarDay, history: [HistoryRun]) {
            self.today = today
            self.day = day
            self.history = history
        }

        func rows(on asked: CalendarDay) throws(CheckerError) -> TodaysRows {
            asked == day ? today : TodaysRows(columns: today.columns, rows: [])
        }

        func runs(from first: CalendarDay, before last: CalendarDay, _ each: (HistoryRun) -> Void) throws(CheckerError) -> Int {
            for run in history where run.day >= first && run.day < last { each(run) }
            return 0
        }

        func close() {}
    }

    static func seconds(_ text: String?) -> Int64? {
        text.flatMap { MySQLTime(text: Array($0.utf8)) }.map { $0.totalMicroseconds / 1_000_000 }
    }
}
