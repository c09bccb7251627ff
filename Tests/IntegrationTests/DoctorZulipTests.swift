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
}
