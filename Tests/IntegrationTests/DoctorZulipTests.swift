import Foundation
import Testing
import TestSupport

/// Doctor's Zulip check as a process against the Zulip stand-in: the channel must exist and
/// let the bot post, and the check leaves nothing on the server (GET requests only: no
/// message, no event queue from POST /register).
@Suite("Doctor and Zulip", .serialized)
struct DoctorZulipTests {
    @Test("the channel is checked and nothing is left behind", arguments: [
        ("ops", true, "channel ops (#15) exists and the bot may post there"),
        ("no-such-stream", false, "channel no-such-stream: Zulip does not show the bot such a channel (Invalid stream name 'no-such-stream')"),
        ("private-ops", false, "channel private-ops is private and the bot is not subscribed to it"),
        ("announce", false, "channel announce lets only administrators post, and the bot is not one of them"),
    ])
    func channel(name: String, fine: Bool, line: String) throws {
        let setup = try CheckerSetup(list: "mail.example.test\n")
        let zulip = try FakeZulip()
        var environment = setup.environment(CheckerSetup.zulip(zulip))
        environment["zulip_stream"] = name
        let result = try CheckerProcess.run(["doctor", "--date", "2024-10-18"], environment: environment)
        #expect(result.status == (fine ? 0 : 4), "\(result.stdout)")
        #expect(result.stdout.contains("  " + line), "\(result.stdout)")
        #expect(result.stdout.contains(fine ? "result: ok" : "result: problems found"), "\(result.stdout)")
        #expect(!zulip.requests.isEmpty && zulip.requests.allSatisfy { $0.method == "GET" },
                "\(zulip.requests.map { "\($0.method) \($0.path)" })")
    }

    @Test("a zulip:// entry of notify_urls has its channel checked as zulip_stream is", arguments: [
        ("ops", true, "channel ops (#15) exists and the bot may post there"),
        ("no-such-stream", false, "channel no-such-stream: Zulip does not show the bot such a channel (Invalid stream name 'no-such-stream')"),
        ("private-ops", false, "channel private-ops is private and the bot is not subscribed to it"),
    ])
    func urlEntryChannel(name: String, fine: Bool, line: String) throws {
        let directory = try TemporaryDirectory()
        let material = try TLSMaterial.make(in: directory.url)
        let setup = try CheckerSetup(list: "mail.example.test\n")
        let zulip = try FakeZulip(tls: material)
        let url = "zulip://backup-bot%40zulip.example.org@127.0.0.1:\(zulip.port)/\(FakeZulip.apiKey)/\(name)/daily"
        let environment = setup.environment(["notify_urls": url, "notify_tls_ca": material.caFile])
        let result = try CheckerProcess.run(["doctor", "--date", "2024-10-18"], environment: environment)
        #expect(result.status == (fine ? 0 : 4), "\(result.stdout)")
        #expect(result.stdout.contains("notify_urls entry 1: Zulip (127.0.0.1): bot "), "\(result.stdout)")
        #expect(result.stdout.contains("zulip: not set up; the report goes to notify_urls only"), "\(result.stdout)")
        #expect(result.stdout.contains("  " + line), "\(result.stdout)")
        #expect(!result.stdout.contains(FakeZulip.apiKey) && !result.stderr.contains(FakeZulip.apiKey))
        #expect(zulip.requests.contains { $0.path.hasPrefix("/api/v1/get_stream_id") }, "\(zulip.requests.map(\.path))")
        #expect(zulip.requests.allSatisfy { $0.method == "GET" }, "\(zulip.requests.map { "\($0.method) \($0.path)" })")
    }
}
