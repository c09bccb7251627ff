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

    @Test("exit 0 and the a-ok message when every expected target succeeded today")
    func allDone() throws {
        let today = try #require(TimeZone.utc.day(at: Int64(Date().timeIntervalSince1970))).description
        try setup.database.insert([
            (today, "mail.example.test", "01:01:00", "01:02:32", "success"),
            (today, "web.example.test", "01:10:00", nil, "failed"),
            (today, "web.example.test", "01:20:00", "01:25:00", "success"),
            ("2020-01-01", "old.example.test", "01:00:00", "01:00:01", "success"),
        ])
        let result = try CheckerProcess.run(["--dry-run"], environment: environment())
        guard result.stdout.contains(today) else {
            // The day turned between inserting and checking; the next run of the suite decides.
            Issue.record("the UTC day changed during the test")
            return
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("everything is a-ok\ndate: \(today) (UTC)\n+----+"))
        #expect(result.stdout.contains("| 1  | \(today) | mail.example.test |  1:01:00   | 1:02:32  | success |"))
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
