import Foundation
import Testing
import TestSupport

/// A check for people who are not on Zulip: notify_urls alone says whom to tell. Half a Zulip
/// configuration is still an error (never silently skipped), and a run that would tell nobody
/// is refused.
@Suite("Without Zulip", .serialized)
struct WithoutZulipTests {
    let setup: CheckerSetup

    init() throws {
        setup = try CheckerSetup(list: "mail.example.test\n")
        try setup.database.insert([("2024-10-18", "mail.example.test", "01:01:00", "01:02:32", "success")])
    }

    @Test("notify_urls alone: the run tells its destination and needs no zulip_* setting")
    func notifyURLsAlone() throws {
        let json = try FakeService { _ in (200, [], "") }
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: setup.environment(
            ["notify_urls": "json://127.0.0.1:\(json.port)/hook"]))
        #expect(result.status == 0, "\(result.stderr)")
        let body = try #require(json.requests.first.flatMap(FakeService.body))
        #expect(body["title"] as? String == "backup check 2024-10-18: ok")
        #expect(body["message"] as? String == result.stdout.trimmingCharacters(in: .newlines))
    }

    @Test("half a Zulip configuration beside notify_urls is an error naming what is missing")
    func halfZulip() throws {
        let json = try FakeService { _ in (200, [], "") }
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: setup.environment(
            ["notify_urls": "json://127.0.0.1:\(json.port)/hook", "zulip_stream": "ops"]))
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("missing zulip_bot_api_key, zulip_topic"), "\(result.stderr)")
        #expect(json.requests.isEmpty)
    }

    @Test("neither Zulip nor notify_urls: refused, since nobody would be told")
    func nobodyToTell() throws {
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: setup.environment())
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("missing zulip_bot_api_key"), "\(result.stderr)")
        #expect(result.stderr.contains("nobody would be told: set the zulip_* settings, notify_urls, or both"), "\(result.stderr)")
    }

    @Test("notify_urls of separators only names nobody: refused as when it is unset", arguments: [",", " , ,", ",,,"])
    func separatorsOnly(value: String) throws {
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: setup.environment(["notify_urls": value]))
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("nobody would be told"), "\(result.stderr)")
        let doctor = try CheckerProcess.run(["doctor", "--date", "2024-10-18"], environment: setup.environment(["notify_urls": value]))
        #expect(doctor.status == 2 && doctor.stdout.contains("result: problems found"), "\(doctor.stdout)")
    }

    @Test("a mistyped second entry is refused by position, never glued to the first (whose host would get its password)")
    func mistypedEntry() throws {
        let json = try FakeService { _ in (200, [], "") }
        let result = try CheckerProcess.run(["--date", "2024-10-18"], environment: setup.environment(
            ["notify_urls": "json://127.0.0.1:\(json.port)/hook mailto:/u:Secret-pw@127.0.0.1?to=a@b"]))
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("notify_urls entry 2"), "\(result.stderr)")
        #expect(!result.stderr.contains("Secret-pw") && !result.stdout.contains("Secret-pw"))
        #expect(json.requests.isEmpty)
    }
}
