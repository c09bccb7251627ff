import Foundation
import Testing
import TestSupport
@testable import Checker
import MySQLWire

/// The seed's deployment reproduced: a .env written the way its pipeline wrote it
/// (`echo 'name=value' >> .env`, its ten variables) plus zulip_site pointing at a Zulip-like
/// server, the real MariaDB with the seed's table, and the checker run as a process.
@Suite("The seed's deployment", .serialized)
struct SeedDeploymentTests {
    let setup: CheckerSetup
    let zulip: FakeZulip

    init() throws {
        setup = try CheckerSetup(list: "mail.example.test\nweb.example.test\n# old.example.test\n")
        zulip = try FakeZulip()
    }

    func writeEnv(password: String? = nil, apiKey: String = FakeZulip.apiKey) throws {
        let variables = [
            ("db_host", setup.server.host), ("db_port", String(setup.server.port)), ("db_username", setup.server.user),
            ("db_password", password ?? setup.server.password), ("database", setup.database.name),
            ("zulip_bot_name", "backup"), ("zulip_bot_api_key", apiKey), ("zulip_organization", "zulip.example.org"),
            ("zulip_stream", "ops"), ("zulip_topic", "daily backups"), ("zulip_site", zulip.site),
        ]
        // What `echo 'name=value' >> .env` leaves: unquoted lines, one per variable.
        try setup.directory.write(".env", variables.map { "\($0.0)=\($0.1)\n" }.joined())
    }

    func run(_ arguments: [String] = ["--date", "2024-10-18"]) throws -> CheckerProcess.Result {
        try CheckerProcess.run(arguments, environment: ["TZ": "UTC"], directory: setup.directory.url)
    }

    static let table = """
        +----+------------+-------------------+------------+----------+---------+
        | id |    date    |      target       | start_time | end_time | status  |
        +----+------------+-------------------+------------+----------+---------+
        | 1  | 2024-10-18 | mail.example.test |  1:01:00   | 1:02:32  | success |
        | 2  | 2024-10-18 | web.example.test  |  1:10:00   |          | failed  |
        """

    @Test("exit 0: everything is a-ok, posted byte for byte")
    func allDone() throws {
        try writeEnv()
        try setup.database.insert([
            ("2024-10-18", "mail.example.test", "01:01:00", "01:02:32", "success"),
            ("2024-10-18", "web.example.test", "01:10:00", nil, "failed"),
            ("2024-10-18", "web.example.test", "01:20:00", "01:21:00", "success"),
        ])
        let result = try run()
        #expect(result.status == 0, "\(result.stderr)")
        let message = "everything is a-ok\ndate: 2024-10-18 (UTC)\n" + Self.table + """

            | 3  | 2024-10-18 | web.example.test  |  1:20:00   | 1:21:00  | success |
            +----+------------+-------------------+------------+----------+---------+
            history: 2024-10-05 to 2024-10-18 (o success, x failed, - missing, . not due)
                              05 06 07 08 09 10 11 12 13 14 15 16 17 18
            mail.example.test  -  -  -  -  -  -  -  -  -  -  -  -  -  o
            web.example.test   -  -  -  -  -  -  -  -  -  -  -  -  -  o
            """
        #expect(result.stdout == message + "\n")
        let posted = try #require(zulip.requests.first?.form)
        #expect(posted == ["type": "stream", "to": "ops", "topic": "daily backups", "content": "```\n" + message + "\n```"])
    }

    @Test("exit 1: the seed's mismatch lines, posted byte for byte")
    func mismatch() throws {
        try writeEnv()
        try setup.database.insert([
            ("2024-10-18", "mail.example.test", "01:01:00", "01:02:32", "success"),
            ("2024-10-18", "web.example.test", "01:10:00", nil, "failed"),
        ])
        let result = try run()
        #expect(result.status == 1, "\(result.stderr)")
        let message = """
            something went wrong
            date: 2024-10-18 (UTC)
            expected_backups and done_backups do not match:
            expected backups: ['mail.example.test', 'web.example.test']
            done backups: ['mail.example.test']
            diff: ['web.example.test']
            failed: web.example.test (no success in the last 35 days)
            """ + "\n" + Self.table + "\n+----+------------+-------------------+------------+----------+---------+\n" + """
            history: 2024-10-05 to 2024-10-18 (o success, x failed, - missing, . not due)
                              05 06 07 08 09 10 11 12 13 14 15 16 17 18
            mail.example.test  -  -  -  -  -  -  -  -  -  -  -  -  -  o
            web.example.test   -  -  -  -  -  -  -  -  -  -  -  -  -  x
            """
        #expect(result.stdout == message + "\n")
        #expect(zulip.requests.first?.form["content"] == "```\n" + message + "\n```")
    }

    @Test("exit 3: the database error is still posted, without the password")
    func databaseError() throws {
        let secret = "Seed-Wrong-Pass-31337"
        try writeEnv(password: secret)
        let result = try run()
        #expect(result.status == 3)
        let message = "something went wrong\ndatabase error: ERROR 1045 (28000): Access denied for user '\(setup.server.user)'@'127.0.0.1' (using password: YES)"
        #expect(result.stdout == message + "\n")
        #expect(zulip.requests.first?.form["content"] == "```\n" + message + "\n```")
        for text in [result.stdout, result.stderr] + zulip.requests.map({ String(decoding: $0.body, as: UTF8.self) }) {
            #expect(!text.contains(secret))
            #expect(!text.contains(FakeZulip.apiKey))
        }
    }

    @Test("exit 4: Zulip refuses; the report is still printed")
    func deliveryFailure() throws {
        let key = "Seed-Wrong-Key-31337"
        try writeEnv(apiKey: key)
        try setup.database.insert([("2024-10-18", "mail.example.test", "01:01:00", "01:02:32", "success")])
        let result = try run()
        #expect(result.status == 4)
        #expect(result.stdout.hasPrefix("something went wrong\ndate: 2024-10-18 (UTC)\n"))
        #expect(result.stderr.contains("Invalid API key"))
        #expect(!result.stderr.contains(key) && !result.stdout.contains(key))
        #expect(zulip.requests.count == 1)
    }

    @Test("--format json gives one document with every verdict and its rows")
    func json() throws {
        try writeEnv()
        try setup.database.insert([("2024-10-18", "web.example.test", "01:10:00", nil, "failed")])
        let result = try run(["--date", "2024-10-18", "--format", "json", "--dry-run"])
        #expect(result.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["date"] as? String == "2024-10-18")
        #expect(document["zone"] as? String == "UTC")
        #expect(document["result"] as? String == "mismatch")
        let targets = try #require(document["targets"] as? [[String: Any]])
        #expect(targets.map { $0["target"] as? String } == ["mail.example.test", "web.example.test"])
        #expect(targets.map { $0["verdict"] as? String } == ["missing", "failed"])
        let rows = try #require(targets[1]["rows"] as? [[String: Any]])
        #expect(rows.first?["id"] as? Int == 1)
        #expect(rows.first?["start_time"] as? String == "1:10:00")
        #expect(rows.first?["end_time"] is NSNull)
        #expect(zulip.requests.isEmpty)
    }

    @Test("doctor reports the database and the bot, and posts nothing")
    func doctor() throws {
        try writeEnv()
        let result = try run(["doctor", "--date", "2024-10-18"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("database: connected to 10."))
        #expect(result.stdout.contains("auth plugin: mysql_native_password"))
        #expect(result.stdout.contains("TLS: TLSv1."))
        #expect(result.stdout.contains("table `list`: id int(10) unsigned, date date, target varchar(255)"))
        #expect(result.stdout.contains("rows for 2024-10-18 (UTC): 0"))
        #expect(result.stdout.contains("bot: Backup <backup-bot@zulip.example.org>"))
        // Doctor asks who the bot is and whether it may post to the channel, with GET requests
        // only: it posts nothing and leaves no event queue behind.
        #expect(zulip.requests.map(\.path) == ["/api/v1/users/me", "/api/v1/users/me", "/api/v1/get_stream_id?stream=ops",
                                               "/api/v1/streams/15"])
        #expect(zulip.requests.allSatisfy { $0.method == "GET" })
        #expect(result.stdout.contains("channel ops (#15) exists and the bot may post there"))
    }

    @Test("doctor says what to change for a wrong password and a wrong API key")
    func doctorFailures() throws {
        try writeEnv(password: "nope", apiKey: "nope-key")
        let result = try run(["doctor"])
        #expect(result.status == 4)
        #expect(result.stdout.contains("fix: check db_username and db_password"))
        #expect(result.stdout.contains("fix: check zulip_bot_api_key"))
        #expect(!result.stdout.contains("nope-key"))
    }
}
