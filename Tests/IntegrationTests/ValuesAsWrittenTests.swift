import Foundation
import Testing
import TestSupport

/// What the server holds is shown as it holds it, against the real MariaDB with a permissive
/// sql_mode that lets in dates no calendar has: never an empty cell that looks like NULL, never
/// a row dropped without a word.
@Suite("Values as the server wrote them", .serialized)
struct ValuesAsWrittenTests {
    /// A list of one target and the backups table changed by `alter`, holding the rows of
    /// `values`, inserted under sql_mode '' (which lets in dates no calendar holds).
    static func setup(alter: String, columns: String, values: String) throws -> CheckerSetup {
        let setup = try CheckerSetup(list: "mail.example.test\n")
        _ = try setup.database.execute("ALTER TABLE `list` \(alter)")
        _ = try setup.database.execute("SET SESSION sql_mode = ''")
        _ = try setup.database.execute("INSERT INTO `list` (\(columns)) VALUES \(values)")
        return setup
    }

    @Test("dates no calendar holds are shown as the server's text; BIGINT UNSIGNED in JSON is a number with all its digits")
    func unreadableDates() throws {
        let setup = try Self.setup(
            alter: "ADD `verified` date NULL, ADD `at` datetime NULL, ADD `bytes` bigint unsigned NULL",
            columns: "`date`, `target`, `start_time`, `end_time`, `status`, `verified`, `at`, `bytes`", values: """
            ('2024-10-18', 'mail.example.test', '01:00:00', '01:05:00', 'success', '0000-00-00', '0000-00-00 00:00:00', 18446744073709551615),
            ('2024-10-18', 'mail.example.test', '02:00:00', NULL, 'failed', '2026-00-00', '2026-02-00 10:00:00', 1),
            ('2024-10-18', 'mail.example.test', '03:00:00', NULL, 'failed', NULL, NULL, NULL)
            """)
        let text = try CheckerProcess.run(["--dry-run", "--date", "2024-10-18"], environment: setup.environment())
        #expect(text.status == 0, "\(text.stdout) \(text.stderr)")
        #expect(text.stdout.contains("| 1  | 2024-10-18 | mail.example.test |  1:00:00   | 1:05:00  | success | 0000-00-00 | 0000-00-00 00:00:00 | 18446744073709551615 |"),
                "\(text.stdout)")
        #expect(text.stdout.contains("| 2  | 2024-10-18 | mail.example.test |  2:00:00   |          | failed  | 2026-00-00 | 2026-02-00 10:00:00 |          1           |"),
                "\(text.stdout)")
        let json = try CheckerProcess.run(["--dry-run", "--date", "2024-10-18", "--format", "json"], environment: setup.environment())
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.contains(#""status":"success","verified":"0000-00-00","at":"0000-00-00 00:00:00","bytes":18446744073709551615}"#),
                "\(json.stdout)")
        #expect(json.stdout.contains(#""verified":"2026-00-00","at":"2026-02-00 10:00:00","bytes":1}"#), "\(json.stdout)")
        #expect(json.stdout.contains(#""verified":null,"at":null,"bytes":null}"#), "\(json.stdout)")
    }

    @Test("history rows whose cells cannot be read are skipped with one warning that counts them")
    func unreadableHistoryRows() throws {
        // A table less strict than deploy/schema.sql: a target may be NULL, a start time any text.
        let setup = try Self.setup(
            alter: "MODIFY `target` varchar(255) NULL, MODIFY `start_time` varchar(16) NOT NULL",
            columns: "`date`, `target`, `start_time`, `end_time`, `status`", values: """
            ('2024-10-18', 'mail.example.test', '01:00:00', '01:05:00', 'success'),
            ('2024-10-15', 'mail.example.test', '01:00:00', '01:05:00', 'success'),
            ('2024-10-16', 'mail.example.test', '01:00:00', NULL, 'failed'),
            ('2024-10-16', NULL, '01:00:00', '01:05:00', 'success'),
            ('2024-10-00', 'mail.example.test', '01:00:00', '01:05:00', 'success'),
            ('2024-10-17', 'mail.example.test', 'soon', '01:05:00', 'success')
            """)
        let result = try CheckerProcess.run(["--dry-run", "--date", "2024-10-18"], environment: setup.environment())
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("history:") }
        #expect(warnings == ["backup-checker: warning: history: 3 rows dated 2024-09-13 to 2024-10-17 skipped: a target, date or time in them cannot be read"],
                "\(result.stderr)")
        // The readable rows still count (a NULL end time is readable: no end), the others not:
        // the grid shows the 15th's success and the 16th's failure, nothing on the 17th.
        #expect(result.stdout.contains("mail.example.test  -  -  -  -  -  -  -  -  -  -  o  x  -  o"), "\(result.stdout)")
    }

    @Test("today's start or end time that cannot be read is named in a warning, not shown as no time in silence")
    func unreadableTodaysTimes() throws {
        let setup = try Self.setup(
            alter: "MODIFY `start_time` varchar(16) NOT NULL, MODIFY `end_time` varchar(16) NULL",
            columns: "`date`, `target`, `start_time`, `end_time`, `status`", values: """
            ('2024-10-18', 'mail.example.test', 'soon', '01:05:00', 'success'),
            ('2024-10-18', 'mail.example.test', '02:00:00', 'later\u{1b}[31m', 'success'),
            ('2024-10-18', 'mail.example.test', '03:00:00', NULL, 'failed')
            """)
        let result = try CheckerProcess.run(["--dry-run", "--date", "2024-10-18"], environment: setup.environment())
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("today:") }
        // The value as data (the escape character written out), and a NULL end time is no end, not unreadable.
        #expect(warnings == [
            #"backup-checker: warning: today: row 1 (mail.example.test): start_time "soon" is not a time; its run time is not judged"#,
            #"backup-checker: warning: today: row 2 (mail.example.test): end_time "later\x1b[31m" is not a time; its run time is not judged"#,
        ], "\(result.stderr)")
        // The cells are still shown as the server holds them.
        #expect(result.stdout.contains("soon"), "\(result.stdout)")
    }
}
