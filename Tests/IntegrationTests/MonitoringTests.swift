import Foundation
import Notify
import Testing
import TestSupport
@testable import Checker

/// The heartbeat, the textfile and the Pushgateway end to end: the checker as a process against
/// the real MariaDB, Debian's prometheus-pushgateway (started by scripts/test) and a
/// Healthchecks-like server, with promtool checking what was written.
@Suite("Monitoring", .serialized)
struct MonitoringTests {
    let setup: CheckerSetup
    let zulip: FakeZulip

    init() throws {
        setup = try CheckerSetup(list: "mail.example.test\nweb.example.test mon-fri\ncold.example.test every 3 days\n")
        zulip = try FakeZulip()
        try setup.database.insert([
            ("2024-10-18", "mail.example.test", "01:00:00", "01:20:00", "success"),
            ("2024-10-18", "web.example.test", "02:00:00", nil, "failed"),
            ("2024-10-17", "cold.example.test", "23:30:00", "00:15:00", "success"),
        ])
    }

    static var pushgateway: String {
        get throws {
            try #require(ProcessInfo.processInfo.environment["BC_TEST_PUSHGATEWAY_URL"],
                         "BC_TEST_PUSHGATEWAY_URL is not set: run the tests with scripts/test, which starts a Pushgateway")
        }
    }

    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        setup.environment(CheckerSetup.zulip(zulip).merging(["timezone": "Europe/Berlin", "zulip_timeout": "2"]) { $1 }
            .merging(extra) { $1 })
    }

    static func promtool(_ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String) {
        try runProgram("/usr/bin/promtool", arguments, input: input)
    }

    @Test("the textfile is valid exposition text, written atomically, with each target's series")
    func textfile() throws {
        let file = setup.directory.url.appendingPathComponent("backup_checker.prom").path
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: environment(["metrics_file": file]))
        #expect(result.status == 1, "\(result.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(try Self.promtool(["check", "metrics"], input: text).status == 0, "\(text)")
        #expect(text.contains("# TYPE backup_checker_exit_status gauge\nbackup_checker_exit_status 1\n"))
        #expect(text.contains("backup_checker_target_ok{target=\"mail.example.test\"} 1\n"))
        #expect(text.contains("backup_checker_target_ok{target=\"web.example.test\"} 0\n"))
        #expect(text.contains("backup_checker_target_ok{target=\"cold.example.test\"} 1\n"))
        // 2024-10-18 01:20 in Berlin (CEST) is 2024-10-17 23:20 UTC; the cold run ended after
        // midnight, on 2024-10-18 00:15 CEST.
        #expect(text.contains("backup_checker_target_last_success_timestamp_seconds{target=\"mail.example.test\"} 1729207200\n"))
        #expect(text.contains("backup_checker_target_last_success_timestamp_seconds{target=\"cold.example.test\"} 1729203300\n"))
        #expect(text.contains("backup_checker_target_duration_seconds{target=\"mail.example.test\"} 1200\n"))
        #expect(!text.contains("duration_seconds{target=\"web.example.test\"}"))
        let names = try FileManager.default.contentsOfDirectory(atPath: setup.directory.path).sorted()
        #expect(names == ["backup_checker.prom", "expected-backups"])
    }

    @Test("a leftover temporary file of a run killed as PID 1 never blocks a later PID-1 run; old leftovers go")
    func leftoverTemporaryFile() throws {
        let file = setup.directory.url.appendingPathComponent("backup_checker.prom").path
        // What a run killed mid-write as PID 1 (a container) leaves behind, and one from long ago.
        try setup.directory.write(".backup_checker.prom.1.tmp", "# half a file\n")
        let old = try setup.directory.write(".backup_checker.prom.77.tmp", "# older\n")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -7200)], ofItemAtPath: old)
        let run = try RunningChecker(["--date", "2024-10-18"], environment: environment(["metrics_file": file]),
                                     wrapper: ["/usr/bin/unshare", "--pid", "--fork"])
        let result = run.wait()
        #expect(result.status == 1, "\(result.stderr)")
        #expect(!result.stderr.contains("metrics:"), "\(result.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("backup_checker_exit_status 1\n"))
        let names = try FileManager.default.contentsOfDirectory(atPath: setup.directory.path).sorted()
        #expect(names == [".backup_checker.prom.1.tmp", "backup_checker.prom", "expected-backups"])
    }

    @Test("every listed target has its last success (0 when none) and its schedule's max age")
    func seriesAlwaysPresent() throws {
        try setup.directory.write("expected-backups", """
            mail.example.test
            web.example.test mon-fri
            archive.example.test sun
            offsite.example.test 1,15,last
            cold.example.test every 3 days
            never.example.test

            """)
        let file = setup.directory.url.appendingPathComponent("backup_checker.prom").path
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: environment(["metrics_file": file]))
        #expect(result.status == 1, "\(result.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(try Self.promtool(["check", "metrics"], input: text).status == 0, "\(text)")
        for (target, days) in [("mail", 2), ("web", 4), ("archive", 8), ("offsite", 17), ("cold", 4), ("never", 2)] {
            #expect(text.contains("backup_checker_target_max_age_seconds{target=\"\(target).example.test\"} \(days * 86_400)\n"),
                    "\(target): \(text)")
        }
        for target in ["web", "archive", "offsite", "never"] {
            #expect(text.contains("backup_checker_target_last_success_timestamp_seconds{target=\"\(target).example.test\"} 0\n"),
                    "\(target): \(text)")
        }
        #expect(text.contains("backup_checker_target_last_success_timestamp_seconds{target=\"mail.example.test\"} 1729207200\n"))
    }

    @Test("exit 2 after the metrics settings were read still publishes exit status 2 and the run's time")
    func configurationErrorPublishes() throws {
        let file = setup.directory.url.appendingPathComponent("m.prom").path
        let gateway = try Self.pushgateway
        let instance = "usage-\(UInt32.random(in: 0..<UInt32.max))"
        let reading = Int(Date().timeIntervalSince1970)
        // A setting the metrics do not need is wrong: the run stops before the database.
        let settings = try CheckerProcess.run(["--date", "2024-10-18"], environment: environment([
            "metrics_file": file, "duration_factor": "fast", "pushgateway_url": gateway, "metrics_instance": instance,
        ]))
        #expect(settings.status == 2)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(try Self.promtool(["check", "metrics"], input: text).status == 0, "\(text)")
        #expect(text.contains("backup_checker_exit_status 2\n") && !text.contains("target="), "\(text)")
        let stamp = try #require(text.split(separator: "\n").first { $0.hasPrefix("backup_checker_last_run_timestamp_seconds ") })
        // The run's own time, read by another process's clock: near the test's reading, in
        // whichever order the two were taken (a wall clock may step back between them).
        #expect(abs((Int(stamp.split(separator: " ")[1]) ?? 0) - reading) < 3600, "\(stamp)")
        let client = HTTPClient(site: try #require(SiteURL(gateway)), timeout: 5)
        let metrics = String(decoding: try client.send(HTTPRequest(method: "GET", path: "/metrics")).body, as: UTF8.self)
        #expect(metrics.contains("backup_checker_exit_status{instance=\"\(instance)\",job=\"backup_checker\"} 2"))
        _ = try? client.send(HTTPRequest(method: "DELETE", path: "/metrics/job/backup_checker/instance/\(instance)"))
        // The list cannot be read: the same.
        try FileManager.default.removeItem(atPath: file)
        try setup.directory.write("expected-backups", "mail.example.test mon fri\n")
        let list = try CheckerProcess.run(["--date", "2024-10-18"], environment: environment(["metrics_file": file]))
        #expect(list.status == 2)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("backup_checker_exit_status 2\n"))
    }

    @Test("a metrics file that cannot be written is logged, leaves nothing behind and changes no exit code")
    func unwritableTextfile() throws {
        let folder = setup.directory.url.appendingPathComponent("read-only")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path) }
        // As root the folder's mode would not stop the write: use a path under a regular file.
        let impossible = setup.directory.url.appendingPathComponent("expected-backups/metrics.prom").path
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: environment(["metrics_file": impossible]))
        #expect(result.status == 1)
        #expect(result.stderr.contains("metrics: cannot write the metrics file \(impossible)"))
        // The hint is chosen by the failure's case (create failed: no such folder), not its text.
        #expect(result.stderr.contains("hint: metrics_file's folder does not exist (or is not a folder); create it or correct metrics_file"),
                "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: setup.directory.path).sorted() == ["expected-backups", "read-only"])
    }

    @Test("the Pushgateway gets the same text under job and instance; PUT replaces the group; instances stay apart")
    func pushgateway() throws {
        let gateway = try Self.pushgateway
        let one = "db-\(UInt32.random(in: 0..<UInt32.max))"
        let two = "db/\(UInt32.random(in: 0..<UInt32.max)) with space"
        #expect(try CheckerProcess.run(["--date", "2024-10-18"], environment: environment(
            ["pushgateway_url": gateway, "metrics_instance": one])).status == 1)
        try setup.directory.write("expected-backups", "mail.example.test\n")
        #expect(try CheckerProcess.run(["--date", "2024-10-18"], environment: environment(
            ["pushgateway_url": gateway, "metrics_instance": two])).status == 0)
        let client = HTTPClient(site: try #require(SiteURL(gateway)), timeout: 5)
        let metrics = String(decoding: try client.send(HTTPRequest(method: "GET", path: "/metrics")).body, as: UTF8.self)
        #expect(metrics.contains("backup_checker_exit_status{instance=\"\(one)\",job=\"backup_checker\"} 1"))
        #expect(metrics.contains("backup_checker_exit_status{instance=\"\(two)\",job=\"backup_checker\"} 0"))
        #expect(metrics.contains("backup_checker_target_ok{instance=\"\(one)\",job=\"backup_checker\",target=\"web.example.test\"} 0"))
        #expect(!metrics.contains("instance=\"\(two)\",job=\"backup_checker\",target=\"web.example.test\""))
        // A second run of the first instance with a shorter list replaces its whole group.
        #expect(try CheckerProcess.run(["--date", "2024-10-18"], environment: environment(
            ["pushgateway_url": gateway, "metrics_instance": one])).status == 0)
        let after = String(decoding: try client.send(HTTPRequest(method: "GET", path: "/metrics")).body, as: UTF8.self)
        #expect(!after.contains("instance=\"\(one)\",job=\"backup_checker\",target=\"web.example.test\""))
        for instance in [one, two] {
            _ = try? client.send(HTTPRequest(method: "DELETE", path: PushgatewayClient(
                url: try #require(SiteURL(gateway)), job: "backup_checker", instance: instance).groupPath))
        }
    }

    @Test("a database error still publishes: exit status 3, no target series; the heartbeat hears 3")
    func databaseError() throws {
        let gateway = try Self.pushgateway
        let instance = "db-error-\(UInt32.random(in: 0..<UInt32.max))"
        let monitor = try FakeHealthchecks()
        let file = setup.directory.url.appendingPathComponent("m.prom").path
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: environment([
            "db_password": "wrong-Password-77", "metrics_file": file, "pushgateway_url": gateway,
            "metrics_instance": instance, "heartbeat_url": monitor.pingURL,
        ]))
        #expect(result.status == 3)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("backup_checker_exit_status 3\n") && !text.contains("target="))
        #expect(monitor.pings.map(\.kind) == ["start", "3"])
        #expect(monitor.pings.last?.body.hasPrefix("something went wrong\ndatabase error: ERROR 1045") == true)
        let client = HTTPClient(site: try #require(SiteURL(gateway)), timeout: 5)
        let metrics = String(decoding: try client.send(HTTPRequest(method: "GET", path: "/metrics")).body, as: UTF8.self)
        #expect(metrics.contains("backup_checker_exit_status{instance=\"\(instance)\",job=\"backup_checker\"} 3"))
        _ = try? client.send(HTTPRequest(method: "DELETE", path: "/metrics/job/backup_checker/instance/\(instance)"))
    }

    @Test("the heartbeat: start when the run starts, the exit status with the report (verdicts first) when it ends, one run ID")
    func heartbeat() throws {
        let monitor = try FakeHealthchecks()
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: environment(["heartbeat_url": monitor.pingURL]))
        #expect(result.status == 1)
        #expect(monitor.pings.map(\.kind) == ["start", "1"])
        let lines = result.stdout.split(separator: "\n")
        let body = try #require(monitor.pings.last?.body)
        #expect(body.hasPrefix("something went wrong\nfailed: web.example.test (no success in the last 35 days)\ndate: 2024-10-18"),
                "\(body)")
        #expect(Set(body.split(separator: "\n")) == Set(lines))
        let rid = try #require(monitor.pings.first?.rid)
        #expect(UUID(uuidString: rid) != nil && monitor.pings.last?.rid == rid)
        // Another run has another ID, so that overlapping runs pair up.
        _ = try CheckerProcess.run(["--date", "2024-10-18"], environment: environment(["heartbeat_url": monitor.pingURL]))
        #expect(monitor.pings.count == 4 && monitor.pings[2].rid != rid && monitor.pings[3].rid == monitor.pings[2].rid)
    }

    @Test("Healthchecks by ping key and slug with ?create=1: the query is kept and the check is created")
    func healthchecksCreate() throws {
        let monitor = try FakeHealthchecks()
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: environment([
            "heartbeat_url": monitor.slugURL("backup-checker-db-1") + "?create=1",
        ]))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(!result.stderr.contains("heartbeat"), "\(result.stderr)")
        #expect(monitor.pings.map(\.kind) == ["start", "1"])
        #expect(monitor.requests.allSatisfy { $0.query("create") == "1" })
    }

    @Test("Uptime Kuma: one push when the run ends, down with the headline and the exit status, and the run's milliseconds")
    func uptimeKuma() throws {
        let kuma = try FakeUptimeKuma()
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: environment(["heartbeat_url": kuma.pushURL]))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(!result.stderr.contains("heartbeat"), "\(result.stderr)")
        let push = try #require(kuma.pushes.first)
        #expect(kuma.pushes.count == 1 && !push.up && push.msg == "something went wrong (exit 1)")
        #expect((push.ping ?? -1) >= 0)
    }

    @Test("Cronitor: state=run at the start, state=fail with the status code and the headline at the end, one series")
    func cronitor() throws {
        let cronitor = try FakeCronitor()
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: environment(["heartbeat_url": cronitor.pingURL]))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(!result.stderr.contains("heartbeat"), "\(result.stderr)")
        let events = cronitor.events
        #expect(events.map(\.state) == ["run", "fail"])
        #expect(events.last?.statusCode == "1" && events.last?.message == "something went wrong")
        let series = try #require(events.first?.series)
        #expect(UUID(uuidString: series) != nil && events.last?.series == series)
    }

    @Test("the start ping never holds up the check: Zulip is told while the start ping is still unanswered")
    func startPingDoesNotHoldUpTheCheck() throws {
        let zulip = self.zulip
        let seen = Flag()
        // The monitor answers the start ping only once Zulip has the report (or after 4 s).
        let monitor = try FakeHealthchecks(reply: { request in
            guard request.pathOnly.hasSuffix("/start") else { return nil }
            if zulip.waitForRequests(1, timeout: 4) { seen.set() }
            return nil
        })
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: environment([
            "heartbeat_url": monitor.pingURL, "heartbeat_timeout": "8",
        ]))
        #expect(result.status == 1)
        #expect(seen.isSet, "\(result.stderr)")
        #expect(!result.stderr.contains("heartbeat"), "\(result.stderr)")
        #expect(monitor.pings.map(\.kind) == ["start", "1"])
    }

    @Test("a silent monitor costs at most heartbeat_timeout: once the start used it up, the end is not sent")
    func silentMonitor() throws {
        let silent = try LoopbackHTTPServer { _, _ in .hang }
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: environment([
            "heartbeat_url": silent.url + "/" + FakeHealthchecks.uuid, "heartbeat_timeout": "1", "zulip_timeout": "3",
        ]))
        #expect(result.status == 1)
        #expect(silent.requests.count == 1, "\(result.stderr)")
        // The start's answer was lost; the end is said to be skipped, not to have failed to connect.
        #expect(result.stderr.contains("the heartbeat at \(silent.url)/… was sent the request but its answer was lost"), "\(result.stderr)")
        #expect(result.stderr.contains("not sent to the heartbeat at \(silent.url)/…: the 1.0 s its calls may take in this run were spent"),
                "\(result.stderr)")
    }

    @Test("a refused monitor costs at most heartbeat_timeout: no retry pause runs past it")
    func refusedMonitor() throws {
        let refused = try LoopbackHTTPServer { _, _ in .close }
        let url = refused.url
        refused.stop()
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: environment([
            "heartbeat_url": url + "/" + FakeHealthchecks.uuid, "heartbeat_timeout": "1",
        ]))
        #expect(result.status == 1)
        #expect(result.stderr.contains("the heartbeat's start failed: cannot reach the heartbeat"), "\(result.stderr)")
        #expect(!result.stderr.contains("retrying"), "\(result.stderr)")
    }

    @Test("a failed delivery is exit 4 in the metrics and the heartbeat, whose first line says who was not told; a failing heartbeat changes nothing")
    func deliveryFailure() throws {
        let file = setup.directory.url.appendingPathComponent("m.prom").path
        let monitor = try FakeHealthchecks()
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: environment([
            "zulip_bot_api_key": "wrong-key", "metrics_file": file, "heartbeat_url": monitor.pingURL,
        ]))
        #expect(result.status == 4)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("backup_checker_exit_status 4\n"))
        #expect(monitor.pings.map(\.kind) == ["start", "4"])
        #expect(monitor.pings.last?.body.hasPrefix(
            "not delivered: Zulip (\(zulip.site)): Zulip refused the request with HTTP 401: Invalid API key (INVALID_API_KEY)\nsomething went wrong\n") == true,
            "\(monitor.pings.last?.body ?? "")")
        let unknown = try CheckerProcess.run(["--date", "2024-10-18"], environment: environment([
            "heartbeat_url": monitor.url + "/00000000-0000-0000-0000-000000000000",
        ]))
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("the heartbeat failed: the heartbeat refused the request with HTTP 404"))
        #expect(!unknown.stderr.contains("00000000-0000"))
    }

    @Test("doctor reports each endpoint without pinging or pushing")
    func doctor() throws {
        let gateway = try Self.pushgateway
        let monitor = try FakeHealthchecks()
        let result = try CheckerProcess.run(["doctor", "--date", "2024-10-18"], environment: environment([
            "heartbeat_url": monitor.pingURL, "pushgateway_url": gateway, "metrics_instance": "doctor",
            "metrics_file": setup.directory.url.appendingPathComponent("m.prom").path,
        ]))
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("heartbeat: \(monitor.url)/… (Healthchecks) reachable; checked by connecting only: no ping was sent, since a ping would count as a run"))
        #expect(result.stdout.contains("pushgateway: \(gateway) ready; metrics go to /metrics/job/backup_checker/instance/doctor"))
        #expect(result.stdout.contains("metrics file: \(setup.directory.path)/m.prom (its folder is writable)"))
        #expect(monitor.requests.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: setup.directory.url.appendingPathComponent("m.prom").path))
        #expect(zulip.posted.isEmpty)
    }

    @Test("the alert rules load and behave on example series (promtool)")
    func alertRules() throws {
        let rules = CheckerProcess.root + "/deploy/prometheus"
        let check = try Self.promtool(["check", "rules", rules + "/backup-checker.rules.yml"])
        #expect(check.status == 0 && check.output.contains("SUCCESS: 5 rules found"), "\(check.output)")
        let test = try Self.promtool(["test", "rules", rules + "/backup-checker.rules.test.yml"])
        #expect(test.status == 0 && test.output.contains("SUCCESS"), "\(test.output)")
    }
}
