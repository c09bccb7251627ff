import Checker
import Foundation
import Testing
import TestSupport

/// The hostile values of `HostileValues` written into the real MariaDB (targets and a 64 KiB
/// note column), then the checker as a process: stdout, stderr's log lines, the Zulip message,
/// a JSON webhook's message, the heartbeat's bodies and the metrics file hold no control
/// character but the line breaks they are made of, Zulip's code fence is closed only by the
/// message's own last line, and `--format json` carries every value whole.
@Suite("Hostile values end to end", .serialized)
struct HostileValuesEndToEndTests {
    /// A SQL literal that no value can break: its UTF-8 bytes in hex.
    static func literal(_ text: String) -> String {
        "CONVERT(X'" + text.utf8.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
            + "' USING utf8mb4)"
    }

    static func controls(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { scalar in
            let value = scalar.value
            return scalar != "\n" && (value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value))
        }
    }

    static func setUp() throws -> CheckerSetup {
        let setup = try CheckerSetup(list: "a.example.test\n")
        _ = try setup.database.execute("ALTER TABLE `list` ADD COLUMN `note` MEDIUMTEXT NULL")
        let rows = [("a.example.test", HostileValues.long)] + HostileValues.short.map { ($0.value, $0.value) }
        for (target, note) in rows {
            _ = try setup.database.execute("""
                INSERT INTO `list` (`date`, `target`, `start_time`, `end_time`, `status`, `note`)
                VALUES ('2024-10-18', \(literal(target)), '01:00:00', '01:05:00', 'success', \(literal(note)))
                """)
        }
        return setup
    }

    @Test("every output of a run holds the values escaped, and Zulip's fence stays closed")
    func everyOutput() throws {
        let setup = try Self.setUp()
        let zulip = try FakeZulip(maxMessageLength: 200_000)
        let monitor = try FakeHealthchecks()
        let webhook = try LoopbackHTTPServer { _, _ in .answer(status: 200, body: "") }
        let metrics = setup.directory.url.appendingPathComponent("backup_checker.prom").path
        let environment = setup.environment(CheckerSetup.zulip(zulip).merging([
            "heartbeat_url": monitor.pingURL, "metrics_file": metrics, "LOG_LEVEL": "debug",
            "notify_urls": "json://127.0.0.1:\(webhook.port)/hook",
        ]) { $1 })
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: environment, directory: setup.directory.url)
        #expect(result.status == 1, "\(result.stderr)")

        #expect(Self.controls(result.stdout).isEmpty, "stdout")
        #expect(Self.controls(result.stderr).isEmpty, "stderr")
        for (name, value) in HostileValues.short {
            #expect(result.stdout.contains("unexpected: " + DataText.escaped(value) + "\n"), "\(name) in its verdict line")
        }
        #expect(result.stdout.contains(DataText.escaped(HostileValues.long)), "64 KiB, escaped to its end")

        let posted = try #require(zulip.requests.first { $0.path == "/api/v1/messages" }?.form["content"])
        #expect(Self.controls(posted).isEmpty, "Zulip")
        let lines = posted.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasPrefix("```") }.count == 2 && lines.first == "```" && lines.last == "```", "only its own fences")
        #expect(!lines.contains { $0.hasPrefix("@**all**") })

        let message = try #require(webhook.requests.first.flatMap {
            (try? JSONSerialization.jsonObject(with: Data($0.body))) as? [String: Any]
        }?["message"] as? String)
        #expect(Self.controls(message).isEmpty, "the JSON webhook's message")

        let pings = monitor.pings
        #expect(pings.count == 2)
        for ping in pings { #expect(Self.controls(ping.body).isEmpty, "heartbeat \(ping.kind)") }
        let text = try String(contentsOfFile: metrics, encoding: .utf8)
        #expect(Self.controls(text).isEmpty, "metrics")
        SecretCanary.expectAbsent(in: [result.stdout, result.stderr])
    }

    @Test("--format json carries each value whole, with every control character escaped")
    func json() throws {
        let setup = try Self.setUp()
        let result = try CheckerProcess.run(["--date", "2024-10-18", "--format", "json", "--dry-run"], environment: setup.environment(),
                                            directory: setup.directory.url)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(Self.controls(result.stdout.trimmingCharacters(in: .newlines)).isEmpty)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let targets = (document["targets"] as? [[String: Any]]) ?? []
        let names = targets.compactMap { $0["target"] as? String }
        for (name, value) in HostileValues.short { #expect(names.contains(value), "\(name)") }
        let notes = targets.flatMap { ($0["rows"] as? [[String: Any]]) ?? [] }.compactMap { $0["note"] as? String }
        #expect(notes.contains(HostileValues.long))
    }
}
