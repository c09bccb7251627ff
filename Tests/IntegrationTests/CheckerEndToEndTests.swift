import Foundation
import Testing
import TestSupport
@testable import Checker

/// The checker run as a process against the real MariaDB that scripts/test started.
@Suite("Checker against MariaDB", .serialized)
struct CheckerEndToEndTests {
    let setup: CheckerSetup

    init() throws {
        setup = try CheckerSetup(list: "# daily\nmail.example.test\nweb.example.test\n\n")
    }

    func environment(password: String? = nil, database name: String? = nil) -> [String: String] {
        setup.environment(["db_password": password ?? setup.server.password, "database": name ?? setup.database.name])
    }

    @Test("exit 0 and the a-ok message when every expected target succeeded today (today as the clock says, whenever it runs)")
    func allDone() throws {
        // Rows for the UTC day before the run and the next one: a run that crosses midnight
        // checks the next day and finds its rows just the same.
        let before = try #require(TimeZone.utc.day(at: Int64(Date().timeIntervalSince1970)))
        let days = [before, try #require(before.adding(days: 1))].map(\.description)
        var rows: [(String, String, String, String?, String)] = [("2020-01-01", "old.example.test", "01:00:00", "01:00:01", "success")]
        for day in days {
            rows += [(day, "mail.example.test", "01:01:00", "01:02:32", "success"), (day, "web.example.test", "01:10:00", nil, "failed"),
                     (day, "web.example.test", "01:20:00", "01:25:00", "success")]
        }
        try setup.database.insert(rows)
        let result = try CheckerProcess.run(["--dry-run"], environment: environment())
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let today = try #require(days.first { lines.count > 1 && lines[1] == "date: \($0) (UTC)" }, "\(result.stdout)")
        let id = today == days[0] ? 2 : 5
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("everything is a-ok\ndate: \(today) (UTC)\n+----+"))
        #expect(result.stdout.contains("| \(id)  | \(today) | mail.example.test |  1:01:00   | 1:02:32  | success |"))
        #expect(!result.stdout.contains("old.example.test"))
    }

    @Test("exit 1 with the seed's mismatch lines when one target is missing and one failed")
    func mismatch() throws {
        try setup.directory.write("expected-backups", "mail.example.test\nweb.example.test\ndb.example.test\n")
        try setup.database.insert([
            ("2024-10-18", "mail.example.test", "01:01:00", "01:02:32", "success"),
            ("2024-10-18", "db.example.test", "02:00:00", nil, "failed"),
        ])
        let result = try CheckerProcess.run(["--dry-run", "--date", "2024-10-18"], environment: environment())
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout == """
            something went wrong
            date: 2024-10-18 (UTC)
            expected_backups and done_backups do not match:
            expected backups: ['db.example.test', 'mail.example.test', 'web.example.test']
            done backups: ['mail.example.test']
            diff: ['db.example.test', 'web.example.test']
            failed: db.example.test (no success in the last 35 days)
            missing: web.example.test (no success in the last 35 days)
            +----+------------+-------------------+------------+----------+---------+
            | id |    date    |      target       | start_time | end_time | status  |
            +----+------------+-------------------+------------+----------+---------+
            | 1  | 2024-10-18 | mail.example.test |  1:01:00   | 1:02:32  | success |
            | 2  | 2024-10-18 |  db.example.test  |  2:00:00   |          | failed  |
            +----+------------+-------------------+------------+----------+---------+
            history: 2024-10-05 to 2024-10-18 (o success, x failed, - missing, . not due)
                              05 06 07 08 09 10 11 12 13 14 15 16 17 18
            mail.example.test  -  -  -  -  -  -  -  -  -  -  -  -  -  o
            web.example.test   -  -  -  -  -  -  -  -  -  -  -  -  -  -
            db.example.test    -  -  -  -  -  -  -  -  -  -  -  -  -  x

            """)
    }

    @Test("exit 3 and a clear message without the password on a wrong password")
    func wrongPassword() throws {
        let secret = "Wrong-Pass-9q8w7e"
        let result = try CheckerProcess.run(["--dry-run", "--date", "2024-10-18"], environment: environment(password: secret))
        #expect(result.status == 3)
        #expect(result.stdout.hasPrefix("something went wrong\n"))
        #expect(result.stdout.contains("ERROR 1045 (28000): Access denied for user '\(setup.server.user)'"))
        #expect(!result.stdout.contains(secret))
        #expect(!result.stderr.contains(secret))
    }

    @Test("exit 3 and the server's message on an unknown database")
    func unknownDatabase() throws {
        let result = try CheckerProcess.run(["--dry-run", "--date", "2024-10-18"],
                                            environment: environment(database: "no_such_db_4711"))
        #expect(result.status == 3)
        #expect(result.stdout.contains("ERROR 1044 (42000)") || result.stdout.contains("ERROR 1049 (42000)"))
        #expect(result.stdout.contains("no_such_db_4711"))
        #expect(!result.stdout.contains(setup.server.password))
    }

    @Test("exit 2 on a configuration error, naming every missing variable")
    func configurationError() throws {
        let result = try CheckerProcess.run(["--dry-run"], environment: ["db_host": "127.0.0.1"], directory: setup.directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("missing db_username, db_password, database"))
    }

    @Test("settings are read from a .env file given with --env-file")
    func envFile() throws {
        try setup.database.insert([("2024-10-18", "mail.example.test", "01:00:00", "01:00:05", "success"),
                             ("2024-10-18", "web.example.test", "01:00:00", "01:00:05", "success")])
        var lines = environment().map { "\($0.key)='\($0.value)'" }.sorted()
        lines.insert("# written like the seed's pipeline", at: 0)
        let path = try setup.directory.write("settings.env", lines.joined(separator: "\n") + "\n")
        let result = try CheckerProcess.run(["--dry-run", "--env-file", path, "--date", "2024-10-18"], environment: [:])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("everything is a-ok\ndate: 2024-10-18 (UTC)\n"))
    }
}
