import Foundation
import Testing
import TestSupport
import Transport
@testable import Notify

/// notify_urls end to end: the checker as a process against MariaDB, the Zulip stand-in, the
/// JSON webhook, Mattermost and ntfy stand-ins, and the real Synapse.
@Suite("notify_urls end to end", .serialized)
struct NotifyURLsEndToEndTests {
    let setup: CheckerSetup

    init() throws {
        setup = try CheckerSetup(list: "mail.example.test\nweb.example.test\n")
        try setup.database.insert([("2024-10-18", "mail.example.test", "01:01:00", "01:02:32", "success")])
    }

    struct Destinations {
        let zulip: FakeZulip
        let json: FakeService
        let mattermost: FakeService
        let ntfy: FakeService
        let synapse: TestSynapse
        let room: (id: String, alias: String)

        init() throws {
            zulip = try FakeZulip()
            json = try FakeService { _ in (200, [], "") }
            mattermost = try FakeMattermost.make()
            ntfy = try FakeNtfy.make()
            synapse = try TestSynapse.current()
            room = try synapse.freshRoom()
        }

        /// JSON webhook, Mattermost with a wrong token, ntfy, Matrix: in this order.
        var urls: String {
            "json://127.0.0.1:\(json.port)/hook, mmost://127.0.0.1:\(mattermost.port)/wrongtoken "
                + "ntfy://127.0.0.1:\(ntfy.port)/backups,\(synapse.url(room: room.alias))"
        }
    }

    @Test("every destination is told in order; the refusing one does not stop the others; exit 4 names it by service and host")
    func toldInOrder() throws {
        let to = try Destinations()
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: setup.environment(
            CheckerSetup.zulip(to.zulip).merging(["notify_urls": to.urls]) { $1 }))
        #expect(result.status == 4, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("something went wrong\ndate: 2024-10-18 (UTC)\n"))
        #expect(result.stderr.contains("not told: Mattermost (127.0.0.1)"))
        #expect(!result.stderr.contains("wrongtoken"))
        #expect(to.zulip.posted.count == 1)
        let json = try #require(to.json.requests.first.flatMap(FakeService.body))
        #expect(json["title"] as? String == "backup check 2024-10-18: something went wrong")
        #expect(json["type"] as? String == "failure")
        #expect(json["message"] as? String == result.stdout.trimmingCharacters(in: .newlines))
        #expect(to.mattermost.requests.count == 1)
        #expect(to.ntfy.requests.compactMap(FakeService.body).first?["message"] as? String == json["message"] as? String)
        let event = try #require(try to.synapse.lastMessages(in: to.room.id, count: 1).first)
        #expect(event["content"]?["body"]?.stringValue == json["message"] as? String)
        if let path = ProcessInfo.processInfo.environment["BC_SYNAPSE_RECEIVED"] {
            try event.serialized.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    @Test("--dry-run tells none of them")
    func dryRun() throws {
        let to = try Destinations()
        let result = try CheckerProcess.run(["--dry-run", "--date", "2024-10-18"], environment: setup.environment(
            CheckerSetup.zulip(to.zulip).merging(["notify_urls": to.urls]) { $1 }))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(to.zulip.requests.isEmpty && to.json.requests.isEmpty && to.mattermost.requests.isEmpty && to.ntfy.requests.isEmpty)
        #expect(try to.synapse.lastMessages(in: to.room.id, count: 1).isEmpty)
    }

    @Test("doctor checks each without posting: the webhooks' connections, Matrix's login and rooms")
    func doctor() throws {
        let to = try Destinations()
        let result = try CheckerProcess.run(["doctor", "--date", "2024-10-18"], environment: setup.environment(
            CheckerSetup.zulip(to.zulip).merging(["notify_urls": to.urls]) { $1 }))
        #expect(result.stdout.contains("notify_urls entry 1: JSON webhook (127.0.0.1): http://127.0.0.1:\(to.json.port) reachable"),
                "\(result.stdout)")
        #expect(result.stdout.contains("notify_urls entry 2: Mattermost (127.0.0.1): http://127.0.0.1:\(to.mattermost.port) reachable"))
        #expect(result.stdout.contains("notify_urls entry 3: ntfy (127.0.0.1): http://127.0.0.1:\(to.ntfy.port) healthy"))
        #expect(result.stdout.contains("notify_urls entry 4: Matrix (127.0.0.1): logged in as @checker:localhost; \(to.room.alias): not joined yet"))
        #expect(to.json.requests.isEmpty && to.mattermost.requests.isEmpty)
        #expect(to.ntfy.requests.allSatisfy { $0.method == "GET" })
        #expect(try to.synapse.lastMessages(in: to.room.id, count: 1).isEmpty)
    }

    @Test("an entry that cannot be read is exit 2 naming its position and service, never the URL")
    func unreadable() throws {
        let result = try CheckerProcess.run(["--dry-run", "--date", "2024-10-18"], environment: setup.environment([
            "notify_urls": "json://127.0.0.1:9/x mmost://chat.example.org/SECRETTOKEN tgram://123:SECRET",
        ]))
        #expect(result.status == 2)
        #expect(result.stderr.contains("notify_urls entry 2 (Mattermost): would send its credential to Mattermost at chat.example.org unencrypted"))
        #expect(result.stderr.contains("notify_urls entry 3 (Telegram): "))
        #expect(!result.stderr.contains("SECRET"))
        #expect(result.stdout.isEmpty)
    }
}
