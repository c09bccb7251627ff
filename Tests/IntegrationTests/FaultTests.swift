import Foundation
import Glibc
import Testing
import TestSupport

/// Settings a person typed wrong: each is exit 2 with a message that names the problem, and
/// none shows a secret.
@Suite("Configuration faults")
struct ConfigurationFaultTests {
    static func base(_ directory: TemporaryDirectory) throws -> [String: String] {
        [
            "db_host": "127.0.0.1", "db_port": "3306", "db_username": "checker", "db_password": SecretCanary.password,
            "database": "backups", "zulip_bot_api_key": SecretCanary.apiKey, "zulip_bot_name": "backup",
            "zulip_organization": "zulip.example.org", "zulip_stream": "ops", "zulip_topic": "backups",
            "expected_backups": try directory.write("expected", "a\n"), "LOG_LEVEL": "trace", "TZ": "UTC",
        ]
    }

    func run(_ arguments: [String], _ environment: [String: String], in directory: TemporaryDirectory) throws
        -> CheckerProcess.Result {
        let result = try CheckerProcess.run(arguments, environment: environment, directory: directory.url)
        SecretCanary.expectAbsent(in: [result.stdout, result.stderr])
        return result
    }

    @Test("every missing variable is named in one message")
    func missing() throws {
        let directory = try TemporaryDirectory()
        let result = try run([], ["TZ": "UTC"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("missing db_username, db_password, database, zulip_bot_api_key, zulip_stream, "
                                       + "zulip_topic, zulip_organization (or zulip_site), zulip_bot_name (or zulip_email)"))
        #expect(result.stdout.isEmpty)
    }

    @Test("a table name that is not an identifier", arguments: ["list; DROP TABLE list", "list`", "a b"])
    func badTable(table: String) throws {
        let directory = try TemporaryDirectory()
        var environment = try Self.base(directory)
        environment["db_table"] = table
        let result = try run(["--dry-run"], environment, in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("db_table must be a table name"))
    }

    @Test("an expected list that cannot be read")
    func unreadableExpected() throws {
        let directory = try TemporaryDirectory()
        var environment = try Self.base(directory)
        environment["expected_backups"] = directory.url.path  // a directory
        environment["db_port"] = "1"
        let result = try run(["--dry-run"], environment, in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot read the expected-backups list"))
        environment["expected_backups"] = "/no/such/file"
        let missing = try run(["--dry-run"], environment, in: directory)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/no/such/file does not exist"))
    }

    @Test("a date that is not a date", arguments: ["2024-02-30", "yesterday", "2024-10-18'; DROP TABLE list; --"])
    func badDate(date: String) throws {
        let directory = try TemporaryDirectory()
        let result = try run(["--dry-run", "--date", date], try Self.base(directory), in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--date must be a real day"))
    }

    @Test("an unknown TLS mode, a bad port, a bad time zone")
    func badValues() throws {
        let directory = try TemporaryDirectory()
        for (name, value, text) in [("db_tls", "sometimes", "db_tls must be one of"), ("db_port", "99999", "db_port must be"),
                                    ("timezone", "Mars/Base", "is not a known IANA time zone")] {
            var environment = try Self.base(directory)
            environment[name] = value
            let result = try run(["--dry-run"], environment, in: directory)
            #expect(result.status == 2, "\(name)")
            #expect(result.stderr.contains(text), "\(result.stderr)")
        }
    }

    @Test("a credential over plain http beyond loopback, a path for an organization, a missing CA file, a control character: exit 2 before any connection", arguments: [
        ("zulip_site", "http://zulip.example.org", "zulip_site is plain http to zulip.example.org, which would send its credential unencrypted"),
        ("heartbeat_url", "http://hc.example.org/5bf66975", "heartbeat_url is plain http to hc.example.org"),
        ("zulip_organization", "acme/x", "zulip_organization must be a host name (zulip.example.org) or an organization name (acme), not \"acme/x\""),
        ("zulip_tls_ca", "/no/such/ca.pem", "zulip_tls_ca /no/such/ca.pem does not exist"),
        ("db_tls_ca", "/no/such/ca.pem", "db_tls_ca /no/such/ca.pem does not exist"),
        ("notify_tls_ca", "/tmp", "notify_tls_ca /tmp is a directory, not a regular file"),
        ("zulip_topic", "daily\r\nX-Injected: yes", "zulip_topic contains a control character"),
    ])
    func refusedSettings(name: String, value: String, text: String) throws {
        let directory = try TemporaryDirectory()
        var environment = try Self.base(directory)
        environment[name] = value
        environment["db_port"] = "1"  // nothing listens: a connection attempt would be exit 3
        let result = try run([], environment, in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains(text), "\(result.stderr)")
        #expect(!result.stderr.contains("X-Injected: yes\n"))
    }

    @Test("a .env that is a FIFO is refused at once; one that others may read is read, with a warning")
    func envFileKinds() throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.path + "/fifo.env"
        #expect(mkfifo(fifo, 0o600) == 0)
        let refused = try run(["--env-file", fifo, "--dry-run"], ["TZ": "UTC"], in: directory)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("cannot read the env file \(fifo): it is a FIFO, not a regular file"))
        let readable = try directory.write("open.env", "db_username=u\ndb_password=\(SecretCanary.password)\ndatabase=d\nexpected_backups=/none\n")
        #expect(chmod(readable, 0o644) == 0)
        let warned = try run(["--env-file", readable, "--dry-run"], ["TZ": "UTC"], in: directory)
        #expect(warned.status == 2)  // the list does not exist: the file was read
        #expect(warned.stderr.contains("warning: \(readable) holds secrets but is readable by every user (mode 644); run: chmod 600 \(readable)"))
    }

    @Test("a list that repeats a target 166,666 times gives one warning, with the count and the first few")
    func manyDuplicates() throws {
        let directory = try TemporaryDirectory()
        var environment = try Self.base(directory)
        environment["expected_backups"] = try directory.write("expected", String(repeating: "a.example.test\n", count: 166_666))
        environment["db_port"] = "1"
        let result = try run(["--dry-run"], environment, in: directory)
        #expect(result.status == 3)
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("warning") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("166665 lines repeat a target listed earlier, counted once: a.example.test (line 2), a.example.test (line 3), a.example.test (line 4) and 166662 more") == true)
    }

    @Test("a .env line that cannot be parsed names its line number")
    func badEnvLine() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".env", "db_host=127.0.0.1\n# fine\ndb_password \"\(SecretCanary.password)\"\n")
        let result = try run(["--dry-run"], ["TZ": "UTC"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains(".env line 3: expected NAME=value"))
    }
}

/// Every path run with recognisable secrets: neither the password nor the API key may appear
/// on stdout, stderr or in anything posted to Zulip.
@Suite("Secrets never leak")
struct SecretLeakTests {
    enum Path: String, CaseIterable, Sendable {
        case allDone, mismatch, wrongPassword, unreachableDatabase, zulipRefuses, zulipFails, zulipHangs, doctor,
             doctorFailing, json
    }

    @Test("no secret in any output or posted body", arguments: Path.allCases)
    func noLeak(path: Path) throws {
        let setup = try CheckerSetup(list: path == .mismatch ? "a.example.test\nb.example.test\n" : "a.example.test\n")
        try setup.database.insert([("2024-10-18", "a.example.test", "01:00:00", "01:00:01", "success")])
        let server = setup.server
        let zulip = try FakeZulip(script: {
            switch path {
            case .zulipFails: return [.respond(500, #"{"result":"error","msg":"boom","code":"BAD_REQUEST"}"#)]
            case .zulipHangs: return [.hang]
            default: return [.zulip]
            }
        }())
        // The fake Zulip accepts only its own key; the canary key is refused, which is the
        // path that writes the most about the request.
        let key = path == .zulipRefuses || path == .doctorFailing ? SecretCanary.apiKey : FakeZulip.apiKey
        var environment = setup.environment([
            "zulip_site": zulip.site, "zulip_bot_name": "backup", "zulip_organization": "zulip.example.org",
            "zulip_bot_api_key": key, "zulip_stream": "ops", "zulip_topic": "backups", "LOG_LEVEL": "trace",
            "db_read_timeout": "1", "zulip_timeout": "1",
        ])
        var arguments = ["--date", "2024-10-18"]
        switch path {
        case .wrongPassword, .doctorFailing: environment["db_password"] = SecretCanary.password
        case .unreachableDatabase:
            environment["db_port"] = "1"
            environment["db_password"] = SecretCanary.password
        case .doctor: arguments.insert("doctor", at: 0)
        case .json: arguments += ["--format", "json"]
        default: break
        }
        if path == .doctorFailing { arguments.insert("doctor", at: 0) }
        let result = try CheckerProcess.run(arguments, environment: environment, directory: setup.directory.url)
        let posted = zulip.requests.map { String(decoding: $0.body, as: UTF8.self) }
        SecretCanary.expectAbsent(in: [result.stdout, result.stderr] + posted)
        #expect(!result.stdout.contains(server.password) && !result.stderr.contains(server.password))
        #expect(posted.allSatisfy { !$0.contains(server.password) && !$0.contains(FakeZulip.apiKey) })
        switch path {
        case .zulipRefuses, .zulipFails, .zulipHangs:
            #expect(result.status == 4, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("everything is a-ok\ndate: 2024-10-18 (UTC)\n"))
        case .wrongPassword, .unreachableDatabase: #expect(result.status == 3)
        case .mismatch: #expect(result.status == 1)
        case .doctorFailing: #expect(result.status == 4)
        case .allDone, .doctor, .json: #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        }
    }
}

/// The checker as a process against Zulip's faults: exit 4 whenever the message was not
/// delivered, with the report still on stdout.
@Suite("Zulip faults, end to end")
struct ZulipFaultProcessTests {
    enum Fault: String, CaseIterable, Sendable {
        case refused, fiveHundredThenOK, repeatedFiveHundreds, unauthorized, neverAnswers, notJSON, drip
        /// A proxy's 502 or 504 (then a 200 that must never be asked for), and a redirect.
        case badGateway, gatewayTimeout, redirect
    }

    @Test("exit 4 when the message was not delivered, 0 when a retry delivered it", arguments: Fault.allCases)
    func fault(_ fault: Fault) throws {
        let setup = try CheckerSetup(list: "a.example.test\n")
        try setup.database.insert([("2024-10-18", "a.example.test", "01:00:00", "01:00:01", "success")])
        let error500 = FakeZulip.Behavior.respond(500, #"{"result":"error","msg":"Internal server error","code":"BAD_REQUEST"}"#)
        let zulip = try FakeZulip(script: {
            switch fault {
            case .refused, .unauthorized: return [.zulip]
            case .fiveHundredThenOK: return [error500, .zulip]
            case .repeatedFiveHundreds: return [error500]
            case .neverAnswers: return [.hang]
            case .notJSON: return [.respond(200, "<html>login</html>")]
            case .drip: return [.zulipInPieces(piece: 1, pause: 0.25)]
            case .badGateway: return [.respond(502, "<html>502 Bad Gateway</html>"), .zulip]
            case .gatewayTimeout: return [.respond(504, "<html>504 Gateway Time-out</html>"), .zulip]
            case .redirect: return [.redirect(to: "https://sso.example.org/login?next=/api/v1/messages"), .zulip]
            }
        }())
        // A refused connection: a port bound by no listener, kept so that no other test takes it.
        let closed = try #require(refusingLoopbackPort())
        defer { close(closed.fd) }
        let site = fault == .refused ? "http://127.0.0.1:\(closed.port)" : zulip.site
        let environment = setup.environment(CheckerSetup.zulip(zulip, apiKey: fault == .unauthorized ? "wrong-key" : FakeZulip.apiKey)
            .merging(["zulip_site": site, "zulip_timeout": "1"]) { $1 })
        let stopwatch = Stopwatch()
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: environment, directory: setup.directory.url)
        let elapsed = stopwatch.seconds
        #expect(result.stdout.hasPrefix("everything is a-ok\ndate: 2024-10-18 (UTC)\n"))
        let attempts = zulip.requests.count
        switch fault {
        case .fiveHundredThenOK:
            #expect(result.status == 0, "\(result.stderr)")
            #expect(attempts == 2)
        case .unauthorized, .notJSON:
            #expect(result.status == 4)
            #expect(attempts == 1)
        case .repeatedFiveHundreds:
            #expect(result.status == 4)
            #expect(attempts == 3)
        case .neverAnswers, .drip:
            // Sent, then no whole answer within zulip_timeout: Zulip may have it, so it is not
            // sent again; a drip-fed answer is cut at the request's whole timeout.
            #expect(result.status == 4)
            #expect(attempts == 1)
            #expect(result.stderr.contains("whether it arrived is unknown"))
            #expect(elapsed < 1 + 1.5, "took \(elapsed) s")
        case .refused:
            #expect(result.status == 4)
            #expect(result.stderr.contains("cannot reach Zulip"))
        case .badGateway, .gatewayTimeout:
            // The service behind the proxy may have posted it: never sent twice.
            #expect(result.status == 4)
            #expect(attempts == 1)
            #expect(result.stderr.contains("answered HTTP \(fault == .badGateway ? 502 : 504)"), "\(result.stderr)")
            #expect(result.stderr.contains("whether it arrived is unknown"), "\(result.stderr)")
        case .redirect:
            #expect(result.status == 4)
            #expect(attempts == 1)
            #expect(result.stderr.contains("a redirect to https://sso.example.org, which is not followed"), "\(result.stderr)")
            #expect(!result.stderr.contains("login?next"))
        }
    }
}
